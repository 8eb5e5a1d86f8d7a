::core::compile_error! {
    "unknown key `dtyp`: did you mean `dtype`? (keys: `dtype`, `shape`, `cast`, `pad`, `skip`)"
}
#[doc(hidden)]
const _: () = {
    fn __tensorspec_symbol_0<H>() {
        if let (H, ::tensorspec::__private::Of::<H> { .. }) = ::tensorspec::__private::SymbolIsNotAConstant::probe() {}
    }
    fn __tensorspec_symbol_1<W>() {
        if let (W, ::tensorspec::__private::Of::<W> { .. }) = ::tensorspec::__private::SymbolIsNotAConstant::probe() {}
    }
};
#[doc(hidden)]
const _: () = {
    const _: () = ::tensorspec::__private::assert_max_rank(6usize);
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_0<image>() {
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::HasShape<
            <Array2<
                ::core::primitive::f32,
            > as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::RankIs<
            2usize,
            {
                ::tensorspec::__private::found_rank(
                    2usize,
                    <<Array2<
                        ::core::primitive::f32,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                )
            },
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_1<label>() {
        let _ = <<label as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::DTypeIs<
            ::core::primitive::i64,
            ::core::primitive::i64,
            <::core::primitive::i64 as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
    }
    #[automatically_derived]
    impl ::tensorspec::__private::TensorSpec for Sample {
        fn spec() -> &'static ::tensorspec::__private::Spec {
            &const {
                ::tensorspec::__private::Spec::new(
                    "Sample",
                    &["H", "W"],
                    &const {
                        [
                            ::tensorspec::__private::FieldSpec::new(
                                "image",
                                <Array2<f32> as ::tensorspec::__private::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                ::tensorspec::__private::Declared::Symbol(0usize),
                                                ::tensorspec::__private::Declared::Symbol(1usize),
                                            ]
                                        },
                                    ),
                            ),
                            ::tensorspec::__private::FieldSpec::new(
                                "label",
                                <i64 as ::tensorspec::__private::TensorField>::KIND,
                            ),
                        ]
                    },
                )
            }
        }
        #[inline(always)]
        fn __check_fields(&self, __checker: &mut ::tensorspec::__private::Checker<'_>) {
            <Array2<
                f32,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.image,
                __checker,
                0usize,
            );
            <i64 as ::tensorspec::__private::TensorField>::__check(
                &self.label,
                __checker,
                1usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::tensorspec::__private::TensorField for Sample
    where
        Self: ::tensorspec::__private::TensorSpec,
    {
        type Elem = Self;
        #[doc(hidden)]
        type Shape = ::tensorspec::__private::NestedShape;
        #[doc(hidden)]
        const KIND: ::tensorspec::__private::FieldKind = ::tensorspec::__private::FieldKind::Nested {
            spec: <Self as ::tensorspec::__private::TensorSpec>::spec,
            optional: false,
        };
        #[inline]
        fn __check(
            &self,
            __checker: &mut ::tensorspec::__private::Checker<'_>,
            __field: usize,
        ) {
            ::tensorspec::__private::check_nested(self, __checker, __field);
        }
    }
    #[automatically_derived]
    impl<'__write> ::tensorspec::__private::ToTensors for Sample
    where
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<f32>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<f32>>,
        ::tensorspec::__private::Wrap<
            '__write,
            i64,
        >: ::tensorspec::__private::WriteVia<Ty = i64>,
        Self: ::tensorspec::__private::TensorSpec,
    {
        fn __write_struct(
            &self,
            __prefix: &str,
            __out: &mut ::tensorspec::__private::Vec<
                (::tensorspec::__private::String, ::tensorspec::__private::Tensor),
            >,
        ) {
            let _ = (__prefix, &__out);
            <::tensorspec::__private::Wrap<
                '__write,
                Array2<f32>,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.image,
                ::tensorspec::__private::format!("{}{}", __prefix, "image"),
                __out,
            );
            <::tensorspec::__private::Wrap<
                '__write,
                i64,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.label,
                ::tensorspec::__private::format!("{}{}", __prefix, "label"),
                __out,
            );
        }
    }
    #[automatically_derived]
    impl<'__write> ::tensorspec::__private::WriteField for Sample
    where
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<f32>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<f32>>,
        ::tensorspec::__private::Wrap<
            '__write,
            i64,
        >: ::tensorspec::__private::WriteVia<Ty = i64>,
        Self: ::tensorspec::__private::TensorSpec,
    {
        fn __write(
            &self,
            __path: ::tensorspec::__private::String,
            __out: &mut ::tensorspec::__private::Vec<
                (::tensorspec::__private::String, ::tensorspec::__private::Tensor),
            >,
        ) {
            ::tensorspec::__private::write_nested(self, &__path, __out);
        }
    }
    #[automatically_derived]
    impl<'__tensors> ::tensorspec::__private::FromTensors<'__tensors> for Sample
    where
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<f32>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<f32>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        Self: ::tensorspec::__private::TensorSpec + ::tensorspec::__private::TensorField,
    {
        fn __read_struct(
            __lookup: &mut ::tensorspec::__private::Lookup<'__tensors>,
            __prefix: ::tensorspec::__private::Option<
                &::tensorspec::__private::Path<'_>,
            >,
            __options: &::tensorspec::__private::ReadOptions,
            __out: &mut ::tensorspec::__private::Vec<::tensorspec::__private::Violation>,
        ) -> ::tensorspec::__private::Option<Self> {
            ::tensorspec::__private::Checker::reporting(
                <Self as ::tensorspec::__private::TensorSpec>::spec(),
                __prefix,
                __out,
                |__checker| {
                    let __field_0 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        Array2<f32>,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 0usize, __options);
                    let __field_1 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        i64,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 1usize, __options);
                    ::tensorspec::__private::Some(Self {
                        image: __field_0?,
                        label: __field_1?,
                    })
                },
            )
        }
    }
    #[automatically_derived]
    impl<'__tensors> ::tensorspec::__private::ReadField<'__tensors> for Sample
    where
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<f32>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<f32>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        Self: ::tensorspec::__private::TensorSpec + ::tensorspec::__private::TensorField,
    {
        fn __read(
            __lookup: &mut ::tensorspec::__private::Lookup<'__tensors>,
            __checker: &mut ::tensorspec::__private::Checker<'_>,
            __field: usize,
            __options: &::tensorspec::__private::ReadOptions,
        ) -> ::tensorspec::__private::Option<Self> {
            ::tensorspec::__private::read_nested::<
                Self,
            >(__lookup, __checker, __field, __options)
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Stack for Sample
    where
        Self: ::tensorspec::__private::TensorField,
    {
        type Batch = ::tensorspec::__private::NoBatch<Self>;
        fn __stack_field<'__items, __Items>(
            _: __Items,
            _: usize,
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        >
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            ::tensorspec::__private::Ok(::tensorspec::__private::NoBatch::NEW)
        }
        fn __stack_field_padded<'__items, __Items>(
            _: __Items,
            _: usize,
            _: ::tensorspec::__private::Option<
                <Self as ::tensorspec::__private::TensorField>::Elem,
            >,
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
            _: &mut ::tensorspec::__private::Lengths,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        >
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            ::tensorspec::__private::Ok(::tensorspec::__private::NoBatch::NEW)
        }
        fn __batch_len(_: &Self::Batch) -> ::tensorspec::__private::Option<usize> {
            ::tensorspec::__private::None
        }
        fn __empty(
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        > {
            ::tensorspec::__private::Ok(::tensorspec::__private::NoBatch::NEW)
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Unstack for Sample
    where
        Self: ::tensorspec::__private::TensorField,
    {
        fn __split_field(
            _: Self::Batch,
            __n: usize,
            __path: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            ::tensorspec::__private::Vec<Self>,
            ::tensorspec::__private::StackError,
        > {
            ::tensorspec::__private::Err(
                ::tensorspec::__private::rows_error(__path, __n, 0),
            )
        }
    }
};
