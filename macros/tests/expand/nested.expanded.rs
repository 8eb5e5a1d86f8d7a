#[doc(hidden)]
const _: () = {};
#[doc(hidden)]
const _: () = {
    #[allow(unused_imports)]
    use ::tensorspec::__private as __tensorspec;
    const _: () = __tensorspec::assert_limits(6usize, 12usize);
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check<timestamp>() {
        let _ = <<timestamp as __tensorspec::Id>::Out as __tensorspec::DTypeIs<
            ::core::primitive::i64,
            ::core::primitive::i64,
            <::core::primitive::i64 as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<timestamp as __tensorspec::Id>::Out as __tensorspec::HasShape<
            <::core::primitive::i64 as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<timestamp as __tensorspec::Id>::Out as __tensorspec::RankIs<
            0usize,
            {
                __tensorspec::found_rank(
                    0usize,
                    <::core::primitive::i64 as __tensorspec::TensorField>::KIND,
                )
            },
        >>::OK;
    }
    #[automatically_derived]
    impl __tensorspec::TensorSpec for Frame {
        fn spec() -> &'static __tensorspec::Spec {
            &const {
                __tensorspec::Spec::new(
                    "Frame",
                    &[],
                    &const {
                        [
                            __tensorspec::FieldSpec::new(
                                "timestamp",
                                <i64 as __tensorspec::TensorField>::KIND
                                    .with_dims(&const { [] }),
                            ),
                            __tensorspec::FieldSpec::new(
                                "left",
                                <Camera as __tensorspec::TensorField>::KIND,
                            ),
                            __tensorspec::FieldSpec::new(
                                "right",
                                <Option<Camera> as __tensorspec::TensorField>::KIND,
                            ),
                        ]
                    },
                )
            }
        }
        #[inline(always)]
        fn __fields<__V: __tensorspec::FieldVisitor>(&self, __visitor: &mut __V) {
            <i64 as __tensorspec::TensorField>::__visit_field(
                &self.timestamp,
                __visitor,
                0usize,
            );
            <Camera as __tensorspec::TensorField>::__visit_field(
                &self.left,
                __visitor,
                1usize,
            );
            <Option<
                Camera,
            > as __tensorspec::TensorField>::__visit_field(
                &self.right,
                __visitor,
                2usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __tensorspec::TensorField for Frame {
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
    impl<'__tensors> __tensorspec::FromTensors<'__tensors> for Frame
    where
        __tensorspec::Wrap<
            '__tensors,
            (i64, Camera, Option<Camera>),
        >: __tensorspec::ReadVia<'__tensors, Ty = (i64, Camera, Option<Camera>)>,
    {
        fn __read_struct(
            __lookup: &mut __tensorspec::Lookup<'__tensors>,
            __prefix: __tensorspec::Option<&__tensorspec::Path<'_>>,
            __options: &__tensorspec::ReadOptions,
            __out: &mut __tensorspec::Vec<__tensorspec::Violation>,
        ) -> __tensorspec::Option<Self> {
            let (__field_0, __field_1, __field_2) = __tensorspec::read_fields::<
                (i64, Camera, Option<Camera>),
            >(
                <Self as __tensorspec::TensorSpec>::spec(),
                __lookup,
                __prefix,
                __options,
                __out,
            )?;
            __tensorspec::Some(Self {
                timestamp: __field_0,
                left: __field_1,
                right: __field_2,
            })
        }
    }
    #[automatically_derived]
    impl<'__tensors> __tensorspec::ReadField<'__tensors> for Frame
    where
        __tensorspec::Wrap<
            '__tensors,
            (i64, Camera, Option<Camera>),
        >: __tensorspec::ReadVia<'__tensors, Ty = (i64, Camera, Option<Camera>)>,
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
    impl __tensorspec::Stack for Frame {
        type Batch = __tensorspec::NoBatch<Self>;
        fn __empty(
            _: __tensorspec::Option<&[__tensorspec::Declared]>,
            _: __tensorspec::Option<&__tensorspec::Path<'_>>,
        ) -> __tensorspec::Result<Self::Batch, __tensorspec::StackError> {
            __tensorspec::Ok(__tensorspec::NoBatch::NEW)
        }
    }
    #[automatically_derived]
    impl __tensorspec::Unstack for Frame {}
};
