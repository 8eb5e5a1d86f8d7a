#[doc(hidden)]
const _: () = {};
#[doc(hidden)]
const _: () = {
    #[allow(unused_imports)]
    use ::tensorspec::__private as __tensorspec;
    const _: () = __tensorspec::assert_limits(6usize, 12usize);
    #[allow(non_camel_case_types, dead_code)]
    struct cells;
    #[allow(non_camel_case_types, dead_code)]
    struct table;
    #[automatically_derived]
    impl<T, const N: usize> __tensorspec::TensorSpec for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
    {
        fn spec() -> &'static __tensorspec::Spec {
            &const {
                __tensorspec::Spec::new(
                    "Grid",
                    &[],
                    &const {
                        [
                            __tensorspec::FieldSpec::new(
                                "cells",
                                <[T; N] as __tensorspec::TensorField>::KIND
                                    .with_dims(&const { [__tensorspec::Declared::Fixed(N)] }),
                            ),
                            __tensorspec::FieldSpec::new(
                                "table",
                                <Array2<T> as __tensorspec::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                __tensorspec::Declared::Fixed(N),
                                                __tensorspec::Declared::Any,
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
        fn __fields<__V: __tensorspec::FieldVisitor>(&self, __visitor: &mut __V) {
            <[T; N] as __tensorspec::TensorField>::__visit_field(
                &self.cells,
                __visitor,
                0usize,
            );
            <Array2<
                T,
            > as __tensorspec::TensorField>::__visit_field(
                &self.table,
                __visitor,
                1usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl<T, const N: usize> __tensorspec::TensorField for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
        Self: __tensorspec::TensorSpec,
    {
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
    impl<'__tensors, T, const N: usize> __tensorspec::FromTensors<'__tensors>
    for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
        __tensorspec::Wrap<
            '__tensors,
            ([T; N], Array2<T>),
        >: __tensorspec::ReadVia<'__tensors, Ty = ([T; N], Array2<T>)>,
        Self: __tensorspec::TensorSpec + __tensorspec::TensorField,
    {
        fn __read_struct(
            __lookup: &mut __tensorspec::Lookup<'__tensors>,
            __prefix: __tensorspec::Option<&__tensorspec::Path<'_>>,
            __options: &__tensorspec::ReadOptions,
            __out: &mut __tensorspec::Vec<__tensorspec::Violation>,
        ) -> __tensorspec::Option<Self> {
            let (__field_0, __field_1) = __tensorspec::read_fields::<
                ([T; N], Array2<T>),
            >(
                <Self as __tensorspec::TensorSpec>::spec(),
                __lookup,
                __prefix,
                __options,
                __out,
            )?;
            __tensorspec::Some(Self {
                cells: __field_0,
                table: __field_1,
            })
        }
    }
    #[automatically_derived]
    impl<'__tensors, T, const N: usize> __tensorspec::ReadField<'__tensors>
    for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
        __tensorspec::Wrap<
            '__tensors,
            ([T; N], Array2<T>),
        >: __tensorspec::ReadVia<'__tensors, Ty = ([T; N], Array2<T>)>,
        Self: __tensorspec::TensorSpec + __tensorspec::TensorField,
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
    impl<T, const N: usize> __tensorspec::Stack for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
        Self: __tensorspec::TensorField,
    {
        type Batch = __tensorspec::NoBatch<Self>;
        fn __empty(
            _: __tensorspec::Option<&[__tensorspec::Declared]>,
            _: __tensorspec::Option<&__tensorspec::Path<'_>>,
        ) -> __tensorspec::Result<Self::Batch, __tensorspec::StackError> {
            __tensorspec::Ok(__tensorspec::NoBatch::NEW)
        }
    }
    #[automatically_derived]
    impl<T, const N: usize> __tensorspec::Unstack for Grid<T, N>
    where
        T: Element,
        [T; N]: __tensorspec::TensorField,
        cells: __tensorspec::FieldHasShape<[T; N]>,
        cells: __tensorspec::FieldRankIs<1usize, [T; N]>,
        cells: __tensorspec::FieldExtentIs<0usize, N, [T; N]>,
        Array2<T>: __tensorspec::TensorField,
        table: __tensorspec::FieldHasShape<Array2<T>>,
        table: __tensorspec::FieldRankIs<2usize, Array2<T>>,
        table: __tensorspec::FieldExtentIs<0usize, N, Array2<T>>,
        Self: __tensorspec::TensorField,
    {}
};
