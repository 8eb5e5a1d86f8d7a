#[doc(hidden)]
const _: () = {};
#[doc(hidden)]
const _: () = {
    const _: () = ::tensorspec::__private::assert_max_rank(6usize);
    #[allow(non_camel_case_types, dead_code)]
    struct cells;
    #[allow(non_camel_case_types, dead_code)]
    struct table;
    #[automatically_derived]
    impl<T, const N: usize> ::tensorspec::__private::TensorSpec for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
    {
        fn spec() -> &'static ::tensorspec::__private::Spec {
            &const {
                ::tensorspec::__private::Spec::new(
                    "Grid",
                    &[],
                    &const {
                        [
                            ::tensorspec::__private::FieldSpec::new(
                                "cells",
                                <[T; N] as ::tensorspec::__private::TensorField>::KIND
                                    .with_dims(
                                        &const { [::tensorspec::__private::Declared::Fixed(N)] },
                                    ),
                            ),
                            ::tensorspec::__private::FieldSpec::new(
                                "table",
                                <Array2<T> as ::tensorspec::__private::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                ::tensorspec::__private::Declared::Fixed(N),
                                                ::tensorspec::__private::Declared::Any,
                                            ]
                                        },
                                    ),
                            ),
                        ]
                    },
                )
            }
        }
        #[inline(always)]
        fn __check_fields(&self, __checker: &mut ::tensorspec::__private::Checker<'_>) {
            <[T; N] as ::tensorspec::__private::TensorField>::__check(
                &self.cells,
                __checker,
                0usize,
            );
            <Array2<
                T,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.table,
                __checker,
                1usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl<T, const N: usize> ::tensorspec::__private::TensorField for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
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
    impl<'__write, T, const N: usize> ::tensorspec::__private::ToTensors for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
        ::tensorspec::__private::Wrap<
            '__write,
            [T; N],
        >: ::tensorspec::__private::WriteVia<Ty = [T; N]>,
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<T>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<T>>,
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
                [T; N],
            > as ::tensorspec::__private::WriteVia>::write(
                &self.cells,
                ::tensorspec::__private::format!("{}{}", __prefix, "cells"),
                __out,
            );
            <::tensorspec::__private::Wrap<
                '__write,
                Array2<T>,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.table,
                ::tensorspec::__private::format!("{}{}", __prefix, "table"),
                __out,
            );
        }
    }
    #[automatically_derived]
    impl<'__write, T, const N: usize> ::tensorspec::__private::WriteField for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
        ::tensorspec::__private::Wrap<
            '__write,
            [T; N],
        >: ::tensorspec::__private::WriteVia<Ty = [T; N]>,
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<T>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<T>>,
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
    impl<'__tensors, T, const N: usize> ::tensorspec::__private::FromTensors<'__tensors>
    for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            [T; N],
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = [T; N]>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<T>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<T>>,
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
                        [T; N],
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 0usize, __options);
                    let __field_1 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        Array2<T>,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 1usize, __options);
                    ::tensorspec::__private::Some(Self {
                        cells: __field_0?,
                        table: __field_1?,
                    })
                },
            )
        }
    }
    #[automatically_derived]
    impl<'__tensors, T, const N: usize> ::tensorspec::__private::ReadField<'__tensors>
    for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            [T; N],
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = [T; N]>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<T>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<T>>,
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
    impl<T, const N: usize> ::tensorspec::__private::Stack for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
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
    impl<T, const N: usize> ::tensorspec::__private::Unstack for Grid<T, N>
    where
        T: Element,
        [T; N]: ::tensorspec::__private::TensorField,
        cells: ::tensorspec::__private::FieldHasShape<[T; N]>,
        cells: ::tensorspec::__private::FieldRankIs<1usize, [T; N]>,
        cells: ::tensorspec::__private::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: ::tensorspec::__private::TensorField,
        table: ::tensorspec::__private::FieldHasShape<Array2<T>>,
        table: ::tensorspec::__private::FieldRankIs<2usize, Array2<T>>,
        table: ::tensorspec::__private::FieldExtentIs<0usize, N, Array2<T>>,
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
