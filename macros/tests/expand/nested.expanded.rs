#[doc(hidden)]
const _: () = {};
#[doc(hidden)]
const _: () = {
    const _: () = ::tensorspec::__private::assert_max_rank(6usize);
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_0<timestamp>() {
        let _ = <<timestamp as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::DTypeIs<
            ::core::primitive::i64,
            ::core::primitive::i64,
            <::core::primitive::i64 as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<timestamp as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::HasShape<
            <::core::primitive::i64 as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<timestamp as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::RankIs<
            0usize,
            {
                ::tensorspec::__private::found_rank(
                    0usize,
                    <<::core::primitive::i64 as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                )
            },
        >>::OK;
    }
    #[automatically_derived]
    impl ::tensorspec::__private::TensorSpec for Frame {
        fn spec() -> &'static ::tensorspec::__private::Spec {
            &const {
                ::tensorspec::__private::Spec::new(
                    "Frame",
                    &[],
                    &const {
                        [
                            ::tensorspec::__private::FieldSpec::new(
                                "timestamp",
                                <i64 as ::tensorspec::__private::TensorField>::KIND
                                    .with_dims(&const { [] }),
                            ),
                            ::tensorspec::__private::FieldSpec::new(
                                "left",
                                <Camera as ::tensorspec::__private::TensorField>::KIND,
                            ),
                            ::tensorspec::__private::FieldSpec::new(
                                "right",
                                <Option<
                                    Camera,
                                > as ::tensorspec::__private::TensorField>::KIND,
                            ),
                        ]
                    },
                )
            }
        }
        #[inline(always)]
        fn __check_fields(&self, __checker: &mut ::tensorspec::__private::Checker<'_>) {
            <i64 as ::tensorspec::__private::TensorField>::__check(
                &self.timestamp,
                __checker,
                0usize,
            );
            <Camera as ::tensorspec::__private::TensorField>::__check(
                &self.left,
                __checker,
                1usize,
            );
            <Option<
                Camera,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.right,
                __checker,
                2usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::tensorspec::__private::TensorField for Frame
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
    impl<'__write> ::tensorspec::__private::ToTensors for Frame
    where
        ::tensorspec::__private::Wrap<
            '__write,
            i64,
        >: ::tensorspec::__private::WriteVia<Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__write,
            Camera,
        >: ::tensorspec::__private::WriteVia<Ty = Camera>,
        ::tensorspec::__private::Wrap<
            '__write,
            Option<Camera>,
        >: ::tensorspec::__private::WriteVia<Ty = Option<Camera>>,
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
                i64,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.timestamp,
                ::tensorspec::__private::format!("{}{}", __prefix, "timestamp"),
                __out,
            );
            <::tensorspec::__private::Wrap<
                '__write,
                Camera,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.left,
                ::tensorspec::__private::format!("{}{}", __prefix, "left"),
                __out,
            );
            <::tensorspec::__private::Wrap<
                '__write,
                Option<Camera>,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.right,
                ::tensorspec::__private::format!("{}{}", __prefix, "right"),
                __out,
            );
        }
    }
    #[automatically_derived]
    impl<'__write> ::tensorspec::__private::WriteField for Frame
    where
        ::tensorspec::__private::Wrap<
            '__write,
            i64,
        >: ::tensorspec::__private::WriteVia<Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__write,
            Camera,
        >: ::tensorspec::__private::WriteVia<Ty = Camera>,
        ::tensorspec::__private::Wrap<
            '__write,
            Option<Camera>,
        >: ::tensorspec::__private::WriteVia<Ty = Option<Camera>>,
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
    impl<'__tensors> ::tensorspec::__private::FromTensors<'__tensors> for Frame
    where
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Camera,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Camera>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Option<Camera>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Option<Camera>>,
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
                        i64,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 0usize, __options);
                    let __field_1 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        Camera,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 1usize, __options);
                    let __field_2 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        Option<Camera>,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 2usize, __options);
                    ::tensorspec::__private::Some(Self {
                        timestamp: __field_0?,
                        left: __field_1?,
                        right: __field_2?,
                    })
                },
            )
        }
    }
    #[automatically_derived]
    impl<'__tensors> ::tensorspec::__private::ReadField<'__tensors> for Frame
    where
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Camera,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Camera>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Option<Camera>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Option<Camera>>,
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
    impl ::tensorspec::__private::Stack for Frame
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
    impl ::tensorspec::__private::Unstack for Frame
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
