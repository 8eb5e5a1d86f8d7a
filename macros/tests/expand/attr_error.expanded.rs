::core::compile_error! {
    "unknown key `dtyp`: did you mean `dtype`? (keys: `dtype`, `shape`, `cast`, `pad`, `skip`)"
}
#[doc(hidden)]
const _: () = {
    fn __tensorspec_symbols<H, W>() {
        if let (H, ::tensorspec::__private::Of::<H> { .. }) = ::tensorspec::__private::SymbolIsNotAConstant::probe() {}
        if let (W, ::tensorspec::__private::Of::<W> { .. }) = ::tensorspec::__private::SymbolIsNotAConstant::probe() {}
    }
};
#[doc(hidden)]
const _: () = {
    #[allow(unused_imports)]
    use ::tensorspec::__private as __tensorspec;
    const _: () = __tensorspec::assert_limits(6usize, 12usize);
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check<image, label>() {
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::HasShape<
            <Array2<::core::primitive::f32> as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::RankIs<
            2usize,
            {
                __tensorspec::found_rank(
                    2usize,
                    <Array2<::core::primitive::f32> as __tensorspec::TensorField>::KIND,
                )
            },
        >>::OK;
        let _ = <<label as __tensorspec::Id>::Out as __tensorspec::DTypeIs<
            ::core::primitive::i64,
            ::core::primitive::i64,
            <::core::primitive::i64 as __tensorspec::TensorField>::Elem,
        >>::OK;
    }
    #[automatically_derived]
    impl __tensorspec::TensorSpec for Sample {
        fn spec() -> &'static __tensorspec::Spec {
            &const {
                __tensorspec::Spec::new(
                    "Sample",
                    &["H", "W"],
                    &const {
                        [
                            __tensorspec::FieldSpec::new(
                                "image",
                                <Array2<f32> as __tensorspec::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                __tensorspec::Declared::Symbol(0usize),
                                                __tensorspec::Declared::Symbol(1usize),
                                            ]
                                        },
                                    ),
                            ),
                            __tensorspec::FieldSpec::new(
                                "label",
                                <i64 as __tensorspec::TensorField>::KIND,
                            ),
                        ]
                    },
                )
            }
        }
        #[inline(always)]
        fn __fields<__V: __tensorspec::FieldVisitor>(&self, __visitor: &mut __V) {
            <Array2<
                f32,
            > as __tensorspec::TensorField>::__visit_field(
                &self.image,
                __visitor,
                0usize,
            );
            <i64 as __tensorspec::TensorField>::__visit_field(
                &self.label,
                __visitor,
                1usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __tensorspec::TensorField for Sample {
        type Elem = Self;
        #[doc(hidden)]
        type Shape = __tensorspec::NestedShape;
        #[doc(hidden)]
        const KIND: __tensorspec::FieldKind = __tensorspec::FieldKind::Nested {
            spec: <Self as __tensorspec::TensorSpec>::spec,
            optional: false,
        };
        #[inline]
        fn __check(&self, __checker: &mut __tensorspec::Checker<'_>, __field: usize) {
            __tensorspec::check_nested(self, __checker, __field);
        }
        fn __write(
            &self,
            __path: __tensorspec::String,
            __out: &mut __tensorspec::Vec<(__tensorspec::String, __tensorspec::Tensor)>,
        ) {
            __tensorspec::write_nested(self, &__path, __out);
        }
    }
    #[automatically_derived]
    impl<'__tensors> __tensorspec::FromTensors<'__tensors> for Sample
    where
        __tensorspec::Wrap<
            '__tensors,
            (Array2<f32>, i64),
        >: __tensorspec::ReadVia<'__tensors, Ty = (Array2<f32>, i64)>,
    {
        fn __read_struct(
            __lookup: &mut __tensorspec::Lookup<'__tensors>,
            __prefix: __tensorspec::Option<&__tensorspec::Path<'_>>,
            __options: &__tensorspec::ReadOptions,
            __out: &mut __tensorspec::Vec<__tensorspec::Violation>,
        ) -> __tensorspec::Option<Self> {
            let (__field_0, __field_1) = __tensorspec::read_fields::<
                (Array2<f32>, i64),
            >(
                <Self as __tensorspec::TensorSpec>::spec(),
                __lookup,
                __prefix,
                __options,
                __out,
            )?;
            __tensorspec::Some(Self {
                image: __field_0,
                label: __field_1,
            })
        }
    }
    #[automatically_derived]
    impl<'__tensors> __tensorspec::ReadField<'__tensors> for Sample
    where
        __tensorspec::Wrap<
            '__tensors,
            (Array2<f32>, i64),
        >: __tensorspec::ReadVia<'__tensors, Ty = (Array2<f32>, i64)>,
    {
        fn __read(
            __lookup: &mut __tensorspec::Lookup<'__tensors>,
            __checker: &mut __tensorspec::Checker<'_>,
            __field: usize,
            __options: &__tensorspec::ReadOptions,
        ) -> __tensorspec::Option<Self> {
            __tensorspec::read_nested::<Self>(__lookup, __checker, __field, __options)
        }
    }
    #[automatically_derived]
    impl __tensorspec::Stack for Sample {
        type Batch = __tensorspec::NoBatch<Self>;
        fn __empty(
            _: __tensorspec::Option<&[__tensorspec::Declared]>,
            _: __tensorspec::Option<&__tensorspec::Path<'_>>,
        ) -> __tensorspec::Result<Self::Batch, __tensorspec::StackError> {
            __tensorspec::Ok(__tensorspec::NoBatch::NEW)
        }
    }
    #[automatically_derived]
    impl __tensorspec::Unstack for Sample {}
};
