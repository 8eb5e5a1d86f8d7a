///A batch of [`Sample`]s: each tensor field stacked along a leading batch axis, in standard layout; its spec is `Sample`'s behind that axis. Made by [`Sample::stack`], [`Sample::stack_from`], [`Sample::stack_padded`] or a stream's `batched(n)`.
pub struct SampleBatch {
    ///Field `image` of each sample, stacked along a leading batch axis.
    image: ::tensorspec::__private::BatchOf<Array3<f32>>,
    ///Field `mask` of each sample, stacked along a leading batch axis.
    mask: ::tensorspec::__private::BatchOf<Array2<u8>>,
    ///Field `label` of each sample, stacked along a leading batch axis.
    label: ::tensorspec::__private::BatchOf<i64>,
    ///Field `id` of each sample (not a tensor: one value a sample).
    id: ::tensorspec::__private::Vec<String>,
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
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::DTypeIs<
            ::core::primitive::f32,
            ::core::primitive::f32,
            <Array3<
                ::core::primitive::f32,
            > as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::HasShape<
            <Array3<
                ::core::primitive::f32,
            > as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::RankIs<
            3usize,
            {
                ::tensorspec::__private::found_rank(
                    3usize,
                    <<Array3<
                        ::core::primitive::f32,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                )
            },
        >>::OK;
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::ExtentIs<
            2usize,
            3usize,
            {
                ::tensorspec::__private::found_extent(
                    3usize,
                    3usize,
                    <<Array3<
                        ::core::primitive::f32,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                    <<Array3<
                        ::core::primitive::f32,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::EXTENTS,
                    2usize,
                )
            },
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, clippy::all)]
    fn __tensorspec_batch_check_0<image>() {
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::BatchIs<
            Array3<f32>,
            <Array3<f32> as ::tensorspec::__private::Stack>::Batch,
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_1<mask>() {
        let _ = <<mask as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::HasShape<
            <Array2<::core::primitive::u8> as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<mask as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::RankIs<
            2usize,
            {
                ::tensorspec::__private::found_rank(
                    2usize,
                    <<Array2<
                        ::core::primitive::u8,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                )
            },
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, clippy::all)]
    fn __tensorspec_batch_check_1<mask>() {
        let _ = <<mask as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::BatchIs<
            Array2<u8>,
            <Array2<u8> as ::tensorspec::__private::Stack>::Batch,
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, clippy::all)]
    fn __tensorspec_batch_check_2<label>() {
        let _ = <<label as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::BatchIs<
            i64,
            <i64 as ::tensorspec::__private::Stack>::Batch,
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
                                <Array3<f32> as ::tensorspec::__private::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                ::tensorspec::__private::Declared::Symbol(0usize),
                                                ::tensorspec::__private::Declared::Symbol(1usize),
                                                ::tensorspec::__private::Declared::Fixed(3usize),
                                            ]
                                        },
                                    ),
                            ),
                            ::tensorspec::__private::FieldSpec::new(
                                "mask",
                                <Array2<u8> as ::tensorspec::__private::TensorField>::KIND
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
            <Array3<
                f32,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.image,
                __checker,
                0usize,
            );
            <Array2<
                u8,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.mask,
                __checker,
                1usize,
            );
            <i64 as ::tensorspec::__private::TensorField>::__check(
                &self.label,
                __checker,
                2usize,
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
            Array3<f32>,
        >: ::tensorspec::__private::WriteVia<Ty = Array3<f32>>,
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<u8>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<u8>>,
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
                Array3<f32>,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.image,
                ::tensorspec::__private::format!("{}{}", __prefix, "image"),
                __out,
            );
            <::tensorspec::__private::Wrap<
                '__write,
                Array2<u8>,
            > as ::tensorspec::__private::WriteVia>::write(
                &self.mask,
                ::tensorspec::__private::format!("{}{}", __prefix, "mask"),
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
            Array3<f32>,
        >: ::tensorspec::__private::WriteVia<Ty = Array3<f32>>,
        ::tensorspec::__private::Wrap<
            '__write,
            Array2<u8>,
        >: ::tensorspec::__private::WriteVia<Ty = Array2<u8>>,
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
            Array3<f32>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array3<f32>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<u8>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<u8>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            String,
        >: ::tensorspec::__private::DefaultSkip<Ty = String>,
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
                        Array3<f32>,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 0usize, __options);
                    let __field_1 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        Array2<u8>,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 1usize, __options);
                    let __field_2 = <::tensorspec::__private::Wrap<
                        '__tensors,
                        i64,
                    > as ::tensorspec::__private::ReadVia<
                        '__tensors,
                    >>::read(__lookup, __checker, 2usize, __options);
                    ::tensorspec::__private::Some(Self {
                        image: __field_0?,
                        mask: __field_1?,
                        label: __field_2?,
                        id: <::tensorspec::__private::Wrap<
                            '__tensors,
                            String,
                        > as ::tensorspec::__private::DefaultSkip>::default(),
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
            Array3<f32>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array3<f32>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            Array2<u8>,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = Array2<u8>>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            i64,
        >: ::tensorspec::__private::ReadVia<'__tensors, Ty = i64>,
        ::tensorspec::__private::Wrap<
            '__tensors,
            String,
        >: ::tensorspec::__private::DefaultSkip<Ty = String>,
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
    impl ::tensorspec::__private::TensorSpec for SampleBatch
    where
        ::tensorspec::__private::BatchOf<
            Array3<f32>,
        >: ::tensorspec::__private::TensorField,
        ::tensorspec::__private::BatchOf<
            Array2<u8>,
        >: ::tensorspec::__private::TensorField,
        ::tensorspec::__private::BatchOf<i64>: ::tensorspec::__private::TensorField,
        Sample: ::tensorspec::__private::TensorSpec,
    {
        fn spec() -> &'static ::tensorspec::__private::Spec {
            &const {
                ::tensorspec::__private::Spec::batch(
                    "SampleBatch",
                    <Sample as ::tensorspec::__private::TensorSpec>::spec,
                )
            }
        }
        #[inline(always)]
        fn __check_fields(&self, __checker: &mut ::tensorspec::__private::Checker<'_>) {
            <::tensorspec::__private::BatchOf<
                Array3<f32>,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.image,
                __checker,
                0usize,
            );
            <::tensorspec::__private::BatchOf<
                Array2<u8>,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.mask,
                __checker,
                1usize,
            );
            <::tensorspec::__private::BatchOf<
                i64,
            > as ::tensorspec::__private::TensorField>::__check(
                &self.label,
                __checker,
                2usize,
            );
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::tensorspec::__private::TensorField for SampleBatch
    where
        ::tensorspec::__private::BatchOf<
            Array3<f32>,
        >: ::tensorspec::__private::TensorField,
        ::tensorspec::__private::BatchOf<
            Array2<u8>,
        >: ::tensorspec::__private::TensorField,
        ::tensorspec::__private::BatchOf<i64>: ::tensorspec::__private::TensorField,
        Sample: ::tensorspec::__private::TensorSpec,
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
    impl ::tensorspec::__private::IsBatch for SampleBatch {}
    #[automatically_derived]
    impl ::tensorspec::__private::Clone for SampleBatch
    where
        ::tensorspec::__private::BatchOf<Array3<f32>>: ::tensorspec::__private::Clone,
        ::tensorspec::__private::BatchOf<Array2<u8>>: ::tensorspec::__private::Clone,
        ::tensorspec::__private::BatchOf<i64>: ::tensorspec::__private::Clone,
    {
        fn clone(&self) -> Self {
            SampleBatch {
                image: ::tensorspec::__private::Clone::clone(&self.image),
                mask: ::tensorspec::__private::Clone::clone(&self.mask),
                label: ::tensorspec::__private::Clone::clone(&self.label),
                id: ::tensorspec::__private::clone_all(
                    self.id.iter(),
                    <String as ::tensorspec::__private::Clone>::clone,
                ),
            }
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Debug for SampleBatch
    where
        ::tensorspec::__private::BatchOf<
            Array3<f32>,
        >: ::tensorspec::__private::DebugBatch,
        ::tensorspec::__private::BatchOf<
            Array2<u8>,
        >: ::tensorspec::__private::DebugBatch,
        ::tensorspec::__private::BatchOf<i64>: ::tensorspec::__private::DebugBatch,
    {
        fn fmt(
            &self,
            __f: &mut ::tensorspec::__private::Formatter<'_>,
        ) -> ::tensorspec::__private::FmtResult {
            __f.debug_struct("SampleBatch")
                .field("image", &::tensorspec::__private::ShowBatch(&self.image))
                .field("mask", &::tensorspec::__private::ShowBatch(&self.mask))
                .field("label", &::tensorspec::__private::ShowBatch(&self.label))
                .field("id", &::tensorspec::__private::ShowBatch(&self.id))
                .finish()
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::DebugBatch for SampleBatch
    where
        ::tensorspec::__private::BatchOf<
            Array3<f32>,
        >: ::tensorspec::__private::DebugBatch,
        ::tensorspec::__private::BatchOf<
            Array2<u8>,
        >: ::tensorspec::__private::DebugBatch,
        ::tensorspec::__private::BatchOf<i64>: ::tensorspec::__private::DebugBatch,
    {
        fn fmt_batch(
            &self,
            __f: &mut ::tensorspec::__private::Formatter<'_>,
        ) -> ::tensorspec::__private::FmtResult {
            ::tensorspec::__private::Debug::fmt(self, __f)
        }
    }
    impl SampleBatch {
        /// The number of samples in the batch.
        pub fn len(&self) -> usize {
            let __lens: [::tensorspec::__private::Option<usize>; 4usize] = [
                <Array3<
                    f32,
                > as ::tensorspec::__private::Stack>::__batch_len(&self.image),
                <Array2<u8> as ::tensorspec::__private::Stack>::__batch_len(&self.mask),
                <i64 as ::tensorspec::__private::Stack>::__batch_len(&self.label),
                ::tensorspec::__private::Some(self.id.len()),
            ];
            ::tensorspec::__private::Iterator::next(
                    &mut ::tensorspec::__private::Iterator::flatten(
                        ::tensorspec::__private::IntoIterator::into_iter(__lens),
                    ),
                )
                .unwrap_or(0)
        }
        /// Whether the batch has no samples.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Stack for Sample {
        type Batch = SampleBatch;
        fn __stack_field_into<'__items, __Items>(
            __items: __Items,
            __n: usize,
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            __path: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
            __batch: &mut Self::Batch,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError>
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            if __n == 0 {
                *__batch = <Self as ::tensorspec::__private::Stack>::__empty(
                    ::tensorspec::__private::None,
                    __path,
                )?;
                return ::tensorspec::__private::Ok(());
            }
            let __spec = <Self as ::tensorspec::__private::TensorSpec>::spec();
            <Array3<
                f32,
            > as ::tensorspec::__private::Stack>::__stack_field_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.image,
                ),
                __n,
                ::tensorspec::__private::declared_dims(__spec, 0usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "image"),
                ),
                &mut __batch.image,
            )?;
            <Array2<
                u8,
            > as ::tensorspec::__private::Stack>::__stack_field_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.mask,
                ),
                __n,
                ::tensorspec::__private::declared_dims(__spec, 1usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "mask"),
                ),
                &mut __batch.mask,
            )?;
            <i64 as ::tensorspec::__private::Stack>::__stack_field_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.label,
                ),
                __n,
                ::tensorspec::__private::declared_dims(__spec, 2usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "label"),
                ),
                &mut __batch.label,
            )?;
            __batch.id = ::tensorspec::__private::clone_all(
                __items.clone(),
                |__sample: &Self| <String as ::tensorspec::__private::Clone>::clone(
                    &__sample.id,
                ),
            );
            ::tensorspec::__private::Ok(())
        }
        fn __stack_field_padded_into<'__items, __Items>(
            __items: __Items,
            __n: usize,
            _: ::tensorspec::__private::Option<
                <Self as ::tensorspec::__private::TensorField>::Elem,
            >,
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            __path: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
            __lengths: &mut ::tensorspec::__private::Lengths,
            __batch: &mut Self::Batch,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError>
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            let __spec = <Self as ::tensorspec::__private::TensorSpec>::spec();
            <Array3<
                f32,
            > as ::tensorspec::__private::Stack>::__stack_field_padded_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.image,
                ),
                __n,
                ::tensorspec::__private::None,
                ::tensorspec::__private::declared_dims(__spec, 0usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "image"),
                ),
                __lengths,
                &mut __batch.image,
            )?;
            <Array2<
                u8,
            > as ::tensorspec::__private::Stack>::__stack_field_padded_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.mask,
                ),
                __n,
                ::tensorspec::__private::Some({
                    let __pad: <Array2<
                        u8,
                    > as ::tensorspec::__private::TensorField>::Elem = 255;
                    __pad
                }),
                ::tensorspec::__private::declared_dims(__spec, 1usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "mask"),
                ),
                __lengths,
                &mut __batch.mask,
            )?;
            <i64 as ::tensorspec::__private::Stack>::__stack_field_padded_into(
                ::tensorspec::__private::Iterator::map(
                    __items.clone(),
                    |__sample: &Self| &__sample.label,
                ),
                __n,
                ::tensorspec::__private::None,
                ::tensorspec::__private::declared_dims(__spec, 2usize),
                ::tensorspec::__private::Some(
                    &::tensorspec::__private::Path::new(__path, "label"),
                ),
                __lengths,
                &mut __batch.label,
            )?;
            __batch.id = ::tensorspec::__private::clone_all(
                __items.clone(),
                |__sample: &Self| <String as ::tensorspec::__private::Clone>::clone(
                    &__sample.id,
                ),
            );
            if __n == 0 {
                *__batch = <Self as ::tensorspec::__private::Stack>::__empty(
                    ::tensorspec::__private::None,
                    __path,
                )?;
            }
            ::tensorspec::__private::Ok(())
        }
        fn __batch_len(__batch: &Self::Batch) -> ::tensorspec::__private::Option<usize> {
            ::tensorspec::__private::Some(__batch.len())
        }
        fn __empty(
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Declared]>,
            __path: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        > {
            let __spec = <Self as ::tensorspec::__private::TensorSpec>::spec();
            ::tensorspec::__private::Ok(SampleBatch {
                image: <Array3<
                    f32,
                > as ::tensorspec::__private::Stack>::__empty(
                    ::tensorspec::__private::declared_dims(__spec, 0usize),
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "image"),
                    ),
                )?,
                mask: <Array2<
                    u8,
                > as ::tensorspec::__private::Stack>::__empty(
                    ::tensorspec::__private::declared_dims(__spec, 1usize),
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "mask"),
                    ),
                )?,
                label: <i64 as ::tensorspec::__private::Stack>::__empty(
                    ::tensorspec::__private::declared_dims(__spec, 2usize),
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "label"),
                    ),
                )?,
                id: ::tensorspec::__private::Vec::new(),
            })
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Batchable for Sample {
        type Batch = SampleBatch;
        fn __stack_samples<'__items, __Items>(
            __items: __Items,
            __n: usize,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        >
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            <Self as ::tensorspec::__private::Stack>::__stack_field(
                __items,
                __n,
                ::tensorspec::__private::None,
                ::tensorspec::__private::None,
            )
        }
        fn __stack_samples_padded<'__items, __Items>(
            __items: __Items,
            __n: usize,
        ) -> ::tensorspec::__private::Result<
            ::tensorspec::__private::Padded<Self::Batch>,
            ::tensorspec::__private::StackError,
        >
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            ::tensorspec::__private::stack_padded_fields(__items, __n)
        }
        fn __stack_samples_into<'__items, __Items>(
            __items: __Items,
            __n: usize,
            __batch: &mut Self::Batch,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError>
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            ::tensorspec::__private::stack_fields_into(__items, __n, __batch)
        }
        fn __stack_samples_padded_into<'__items, __Items>(
            __items: __Items,
            __n: usize,
            __batch: &mut ::tensorspec::__private::Padded<Self::Batch>,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError>
        where
            __Items: ::tensorspec::__private::Iterator<Item = &'__items Self>
                + ::tensorspec::__private::Clone,
            Self: '__items,
        {
            ::tensorspec::__private::stack_padded_fields_into(__items, __n, __batch)
        }
    }
    impl Sample {
        /**Stacks `samples` into one [`SampleBatch`]: each tensor field becomes one array with a leading batch axis, allocated once and filled with straight copies.

Each sample is validated first: a sample that breaks its spec is an error, never stacked. Every extent that the spec leaves open (a symbol, `_`, or one the type leaves open) must be the same in every sample; the error names the field, the axis, the first sample that differs and both extents. Skipped fields are cloned into `Vec`s.*/
        pub fn stack(
            samples: &[Self],
        ) -> ::tensorspec::__private::Result<
            SampleBatch,
            ::tensorspec::__private::StackError,
        > {
            ::tensorspec::__private::stack_valid(samples.iter(), samples.len())
        }
        ///[`Sample::stack`] of the samples of an iterator of references, read without collecting them (the iterator is cloned: one pass a field).
        pub fn stack_from<'__items, __Samples>(
            samples: __Samples,
        ) -> ::tensorspec::__private::Result<
            SampleBatch,
            ::tensorspec::__private::StackError,
        >
        where
            __Samples: ::tensorspec::__private::IntoIterator<Item = &'__items Self>,
            __Samples::IntoIter: ::tensorspec::__private::Clone,
            Self: '__items,
        {
            let __items = ::tensorspec::__private::IntoIterator::into_iter(samples);
            let __n = ::tensorspec::__private::Iterator::count(
                ::tensorspec::__private::Clone::clone(&__items),
            );
            ::tensorspec::__private::stack_valid(__items, __n)
        }
        /**[`Sample::stack`] into `batch`, a batch made before: its arrays are refilled in place, growing only when they must, so a training loop allocates (and the kernel maps fresh pages) once, not once a batch. A sample that breaks its spec is refused before `batch` is touched; samples that cannot be stacked together leave it a batch of no samples, never half refilled.

```text
let mut batch = Sample::stack(&first)?;
for samples in groups {
    Sample::stack_into(&samples, &mut batch)?;
    train(&batch);
}
```*/
        pub fn stack_into(
            samples: &[Self],
            batch: &mut SampleBatch,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError> {
            ::tensorspec::__private::stack_valid_into(
                samples.iter(),
                samples.len(),
                batch,
            )
        }
        ///[`Sample::stack`], but extents the spec leaves open may differ between samples: each such axis is as long as the longest sample's, shorter samples padded with the field's `pad` value (its element type's default, 0 or `false`, without one), and [`Padded::lengths`](::tensorspec::Padded::lengths) gives every sample's true shape. A sample that breaks its spec is an error, never padded into shape.
        pub fn stack_padded(
            samples: &[Self],
        ) -> ::tensorspec::__private::Result<
            ::tensorspec::__private::Padded<SampleBatch>,
            ::tensorspec::__private::StackError,
        > {
            ::tensorspec::__private::stack_valid_padded(samples.iter(), samples.len())
        }
        ///[`Sample::stack_padded`] into `batch`, a padded batch made before: its arrays are refilled in place, growing only when they must, and its lengths are those of `samples`. A sample that breaks its spec is refused before `batch` is touched; samples that cannot be stacked together leave it a batch of no samples.
        pub fn stack_padded_into(
            samples: &[Self],
            batch: &mut ::tensorspec::__private::Padded<SampleBatch>,
        ) -> ::tensorspec::__private::Result<(), ::tensorspec::__private::StackError> {
            ::tensorspec::__private::stack_valid_padded_into(
                samples.iter(),
                samples.len(),
                batch,
            )
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Unstack for Sample {
        fn __split_field(
            __batch: Self::Batch,
            __n: usize,
            __path: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            ::tensorspec::__private::Vec<Self>,
            ::tensorspec::__private::StackError,
        > {
            let mut __column_image = ::tensorspec::__private::IntoIterator::into_iter(
                <Array3<
                    f32,
                > as ::tensorspec::__private::Unstack>::__split_field(
                    __batch.image,
                    __n,
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "image"),
                    ),
                )?,
            );
            let mut __column_mask = ::tensorspec::__private::IntoIterator::into_iter(
                <Array2<
                    u8,
                > as ::tensorspec::__private::Unstack>::__split_field(
                    __batch.mask,
                    __n,
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "mask"),
                    ),
                )?,
            );
            let mut __column_label = ::tensorspec::__private::IntoIterator::into_iter(
                <i64 as ::tensorspec::__private::Unstack>::__split_field(
                    __batch.label,
                    __n,
                    ::tensorspec::__private::Some(
                        &::tensorspec::__private::Path::new(__path, "label"),
                    ),
                )?,
            );
            let mut __column_id = ::tensorspec::__private::IntoIterator::into_iter({
                let __values = __batch.id;
                if __values.len() != __n {
                    return ::tensorspec::__private::Err(
                        ::tensorspec::__private::rows_error(
                            ::tensorspec::__private::Some(
                                &::tensorspec::__private::Path::new(__path, "id"),
                            ),
                            __n,
                            __values.len(),
                        ),
                    );
                }
                __values
            });
            let __samples: ::tensorspec::__private::Option<
                ::tensorspec::__private::Vec<Self>,
            > = (0..__n)
                .map(|_| ::tensorspec::__private::Some(Self {
                    image: ::tensorspec::__private::Iterator::next(&mut __column_image)?,
                    mask: ::tensorspec::__private::Iterator::next(&mut __column_mask)?,
                    label: ::tensorspec::__private::Iterator::next(&mut __column_label)?,
                    id: ::tensorspec::__private::Iterator::next(&mut __column_id)?,
                }))
                .collect();
            __samples.ok_or_else(|| ::tensorspec::__private::rows_error(__path, __n, 0))
        }
    }
    impl SampleBatch {
        ///Splits the batch back into its [`Sample`]s, in order: the reverse of [`Sample::stack`]. Errs if a field was replaced by one of another length or shape.
        pub fn into_samples(
            self,
        ) -> ::tensorspec::__private::Result<
            ::tensorspec::__private::Vec<Sample>,
            ::tensorspec::__private::StackError,
        > {
            let __n = self.len();
            <Sample as ::tensorspec::__private::Unstack>::__split_field(
                self,
                __n,
                ::tensorspec::__private::None,
            )
        }
    }
};
