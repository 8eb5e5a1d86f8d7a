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
    fn __tensorspec_check<image, mask, label>() {
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::DTypeIs<
            ::core::primitive::f32,
            ::core::primitive::f32,
            <Array3<::core::primitive::f32> as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::HasShape<
            <Array3<::core::primitive::f32> as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::RankIs<
            3usize,
            {
                __tensorspec::found_rank(
                    3usize,
                    <Array3<::core::primitive::f32> as __tensorspec::TensorField>::KIND,
                )
            },
        >>::OK;
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::ExtentIs<
            2usize,
            3usize,
            {
                __tensorspec::found_extent(
                    3usize,
                    3usize,
                    <Array3<::core::primitive::f32> as __tensorspec::TensorField>::KIND,
                    2usize,
                )
            },
        >>::OK;
        let _ = <<image as __tensorspec::Id>::Out as __tensorspec::BatchIs<
            Array3<::core::primitive::f32>,
            <Array3<::core::primitive::f32> as __tensorspec::Stack>::Batch,
        >>::OK;
        let _ = <<mask as __tensorspec::Id>::Out as __tensorspec::HasShape<
            <Array2<::core::primitive::u8> as __tensorspec::TensorField>::Elem,
        >>::OK;
        let _ = <<mask as __tensorspec::Id>::Out as __tensorspec::RankIs<
            2usize,
            {
                __tensorspec::found_rank(
                    2usize,
                    <Array2<::core::primitive::u8> as __tensorspec::TensorField>::KIND,
                )
            },
        >>::OK;
        let _ = <<mask as __tensorspec::Id>::Out as __tensorspec::BatchIs<
            Array2<::core::primitive::u8>,
            <Array2<::core::primitive::u8> as __tensorspec::Stack>::Batch,
        >>::OK;
        let _ = <<label as __tensorspec::Id>::Out as __tensorspec::BatchIs<
            ::core::primitive::i64,
            <::core::primitive::i64 as __tensorspec::Stack>::Batch,
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
                                <Array3<f32> as __tensorspec::TensorField>::KIND
                                    .with_dims(
                                        &const {
                                            [
                                                __tensorspec::Declared::Symbol(0usize),
                                                __tensorspec::Declared::Symbol(1usize),
                                                __tensorspec::Declared::Fixed(3usize),
                                            ]
                                        },
                                    ),
                            ),
                            __tensorspec::FieldSpec::new(
                                "mask",
                                <Array2<u8> as __tensorspec::TensorField>::KIND
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
            <Array3<
                f32,
            > as __tensorspec::TensorField>::__visit_field(
                &self.image,
                __visitor,
                0usize,
            );
            <Array2<
                u8,
            > as __tensorspec::TensorField>::__visit_field(
                &self.mask,
                __visitor,
                1usize,
            );
            <i64 as __tensorspec::TensorField>::__visit_field(
                &self.label,
                __visitor,
                2usize,
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
        __tensorspec::Wrap<'__tensors, String>: __tensorspec::DefaultSkip<Ty = String>,
        __tensorspec::Wrap<
            '__tensors,
            (Array3<f32>, Array2<u8>, i64),
        >: __tensorspec::ReadVia<'__tensors, Ty = (Array3<f32>, Array2<u8>, i64)>,
    {
        fn __read_struct(
            __lookup: &mut __tensorspec::Lookup<'__tensors>,
            __prefix: __tensorspec::Option<&__tensorspec::Path<'_>>,
            __options: &__tensorspec::ReadOptions,
            __out: &mut __tensorspec::Vec<__tensorspec::Violation>,
        ) -> __tensorspec::Option<Self> {
            let (__field_0, __field_1, __field_2) = __tensorspec::read_fields::<
                (Array3<f32>, Array2<u8>, i64),
            >(
                <Self as __tensorspec::TensorSpec>::spec(),
                __lookup,
                __prefix,
                __options,
                __out,
            )?;
            __tensorspec::Some(Self {
                image: __field_0,
                mask: __field_1,
                label: __field_2,
                id: <__tensorspec::Wrap<
                    '__tensors,
                    String,
                > as __tensorspec::DefaultSkip>::default(),
            })
        }
    }
    #[automatically_derived]
    impl<'__tensors> __tensorspec::ReadField<'__tensors> for Sample
    where
        __tensorspec::Wrap<'__tensors, String>: __tensorspec::DefaultSkip<Ty = String>,
        __tensorspec::Wrap<
            '__tensors,
            (Array3<f32>, Array2<u8>, i64),
        >: __tensorspec::ReadVia<'__tensors, Ty = (Array3<f32>, Array2<u8>, i64)>,
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
    impl __tensorspec::TensorSpec for SampleBatch {
        fn spec() -> &'static __tensorspec::Spec {
            &const {
                __tensorspec::Spec::batch(
                    "SampleBatch",
                    <Sample as __tensorspec::TensorSpec>::spec,
                )
            }
        }
        #[inline(always)]
        fn __fields<__V: __tensorspec::FieldVisitor>(&self, __visitor: &mut __V) {
            __tensorspec::TensorField::__visit_field(&self.image, __visitor, 0usize);
            __tensorspec::TensorField::__visit_field(&self.mask, __visitor, 1usize);
            __tensorspec::TensorField::__visit_field(&self.label, __visitor, 2usize);
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl __tensorspec::TensorField for SampleBatch {
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
    impl __tensorspec::BatchStruct for SampleBatch {}
    #[automatically_derived]
    impl __tensorspec::Clone for SampleBatch {
        fn clone(&self) -> Self {
            SampleBatch {
                image: __tensorspec::Clone::clone(&self.image),
                mask: __tensorspec::Clone::clone(&self.mask),
                label: __tensorspec::Clone::clone(&self.label),
                id: __tensorspec::clone_all(
                    self.id.iter(),
                    <String as __tensorspec::Clone>::clone,
                ),
            }
        }
    }
    #[automatically_derived]
    impl __tensorspec::Debug for SampleBatch {
        fn fmt(&self, __f: &mut __tensorspec::Formatter<'_>) -> __tensorspec::FmtResult {
            __tensorspec::debug_batch(
                __f,
                "SampleBatch",
                &[
                    ("image", &self.image),
                    ("mask", &self.mask),
                    ("label", &self.label),
                    ("id", &self.id),
                ],
            )
        }
    }
    impl SampleBatch {
        /// The number of samples in the batch.
        pub fn len(&self) -> usize {
            __tensorspec::batch_len(
                &[
                    <Array3<f32> as __tensorspec::Stack>::__batch_len(&self.image),
                    <Array2<u8> as __tensorspec::Stack>::__batch_len(&self.mask),
                    <i64 as __tensorspec::Stack>::__batch_len(&self.label),
                    __tensorspec::Some(self.id.len()),
                ],
            )
        }
        /// Whether the batch has no samples.
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }
    }
    #[automatically_derived]
    impl __tensorspec::Stack for Sample {
        type Batch = SampleBatch;
        fn __stack_fields<'__items, __Mode: __tensorspec::StackMode>(
            __samples: __tensorspec::SampleRefs<'_, '__items, Self>,
            __n: usize,
            __path: __tensorspec::Option<&__tensorspec::Path<'_>>,
            __mode: &mut __Mode,
            __batch: &mut Self::Batch,
        ) -> __tensorspec::Result<(), __tensorspec::StackError> {
            let mut __fields = __tensorspec::StackFields::new(
                __samples,
                __n,
                <Self as __tensorspec::TensorSpec>::spec(),
                __path,
                __mode,
            );
            __fields
                .field::<
                    Array3<f32>,
                >(
                    |__sample: &Self| &__sample.image,
                    __tensorspec::None,
                    &mut __batch.image,
                );
            __fields
                .field::<
                    Array2<u8>,
                >(
                    |__sample: &Self| &__sample.mask,
                    __tensorspec::Some({
                        let __pad: <Array2<u8> as __tensorspec::TensorField>::Elem = 255;
                        __pad
                    }),
                    &mut __batch.mask,
                );
            __fields
                .field::<
                    i64,
                >(
                    |__sample: &Self| &__sample.label,
                    __tensorspec::None,
                    &mut __batch.label,
                );
            __fields
                .skipped(
                    |__sample: &Self| <String as __tensorspec::Clone>::clone(
                        &__sample.id,
                    ),
                    &mut __batch.id,
                );
            __fields.finish::<Self>(__batch)
        }
        fn __batch_len(__batch: &Self::Batch) -> __tensorspec::Option<usize> {
            __tensorspec::Some(__batch.len())
        }
        fn __empty(
            _: __tensorspec::Option<&[__tensorspec::Declared]>,
            __path: __tensorspec::Option<&__tensorspec::Path<'_>>,
        ) -> __tensorspec::Result<Self::Batch, __tensorspec::StackError> {
            let mut __fields = __tensorspec::EmptyFields::new(
                <Self as __tensorspec::TensorSpec>::spec(),
                __path,
            );
            __tensorspec::Ok(SampleBatch {
                image: __fields.field::<Array3<f32>>()?,
                mask: __fields.field::<Array2<u8>>()?,
                label: __fields.field::<i64>()?,
                id: __tensorspec::Vec::new(),
            })
        }
    }
    #[automatically_derived]
    impl __tensorspec::Batchable for Sample {
        type Batch = SampleBatch;
        #[doc(hidden)]
        type __Sample = Self;
        #[inline(always)]
        fn __sample(&self) -> &Self {
            self
        }
        #[inline(always)]
        fn __values(__samples: &[Self]) -> __tensorspec::Option<&[Self]> {
            __tensorspec::Some(__samples)
        }
    }
    impl Sample {
        /**Stacks `samples` into one [`SampleBatch`]: each tensor field becomes one array with a leading batch axis, allocated once and filled with straight copies.

Each sample is validated first: a sample that breaks its spec is an error, never stacked. Every extent that the spec leaves open (a symbol, `_`, or one the type leaves open) must be the same in every sample; the error names the field, the axis, the first sample that differs and both extents. Skipped fields are cloned into `Vec`s.*/
        pub fn stack(
            samples: &[Self],
        ) -> __tensorspec::Result<SampleBatch, __tensorspec::StackError> {
            <Self as __tensorspec::Batchable>::stack(samples)
        }
        ///[`Sample::stack`] of the samples of an iterator of references, read without cloning the samples: the iterator is cloned once, to validate them first, and their references are gathered (on the stack, for up to 64).
        pub fn stack_from<'__items, __Samples>(
            samples: __Samples,
        ) -> __tensorspec::Result<SampleBatch, __tensorspec::StackError>
        where
            __Samples: __tensorspec::IntoIterator<Item = &'__items Self>,
            __Samples::IntoIter: __tensorspec::Clone,
            Self: '__items,
        {
            __tensorspec::stack_from::<Self, _>(samples)
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
        ) -> __tensorspec::Result<(), __tensorspec::StackError> {
            <Self as __tensorspec::Batchable>::stack_into(samples, batch)
        }
        ///[`Sample::stack`], but extents the spec leaves open may differ between samples: each such axis is as long as the longest sample's, shorter samples padded with the field's `pad` value (its element type's default, 0 or `false`, without one), and [`Padded::lengths`](::tensorspec::Padded::lengths) gives every sample's true shape. A sample that breaks its spec is an error, never padded into shape.
        pub fn stack_padded(
            samples: &[Self],
        ) -> __tensorspec::Result<
            __tensorspec::Padded<SampleBatch>,
            __tensorspec::StackError,
        > {
            <Self as __tensorspec::Batchable>::stack_padded(samples)
        }
        ///[`Sample::stack_padded`] into `batch`, a padded batch made before: its arrays are refilled in place, growing only when they must, and its lengths are those of `samples`. A sample that breaks its spec is refused before `batch` is touched; samples that cannot be stacked together leave it a batch of no samples.
        pub fn stack_padded_into(
            samples: &[Self],
            batch: &mut __tensorspec::Padded<SampleBatch>,
        ) -> __tensorspec::Result<(), __tensorspec::StackError> {
            <Self as __tensorspec::Batchable>::stack_padded_into(samples, batch)
        }
    }
    #[automatically_derived]
    impl __tensorspec::Unstack for Sample {
        fn __split_field(
            __batch: Self::Batch,
            __n: usize,
            __path: __tensorspec::Option<&__tensorspec::Path<'_>>,
        ) -> __tensorspec::Result<__tensorspec::Vec<Self>, __tensorspec::StackError> {
            let mut __fields = __tensorspec::SplitFields::new(
                <Self as __tensorspec::TensorSpec>::spec(),
                __path,
                __n,
            );
            let __columns = (
                __fields.field::<Array3<f32>>(__batch.image),
                __fields.field::<Array2<u8>>(__batch.mask),
                __fields.field::<i64>(__batch.label),
                __fields.skipped("id", __batch.id),
            );
            __fields
                .samples(
                    __columns,
                    |(__field_0, __field_1, __field_2, __field_3)| Self {
                        image: __field_0,
                        mask: __field_1,
                        label: __field_2,
                        id: __field_3,
                    },
                )
        }
    }
    impl SampleBatch {
        ///Splits the batch back into its [`Sample`]s, in order: the reverse of [`Sample::stack`]. Errs if a field was replaced by one of another length or shape.
        pub fn into_samples(
            self,
        ) -> __tensorspec::Result<__tensorspec::Vec<Sample>, __tensorspec::StackError> {
            let __n = self.len();
            <Sample as __tensorspec::Unstack>::__split_field(
                self,
                __n,
                __tensorspec::None,
            )
        }
    }
};
