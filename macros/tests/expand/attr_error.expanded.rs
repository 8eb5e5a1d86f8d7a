::core::compile_error! {
    "unknown key `dtyp`: did you mean `dtype`? (keys: `dtype`, `shape`, `cast`, `pad`, `skip`)"
}
#[doc(hidden)]
const _: () = {
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_0<image>() {
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::HasShape<
            <Array2<f32> as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
        let _ = <<image as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::RankIs<
            2usize,
            {
                ::tensorspec::__private::found_rank(
                    2usize,
                    <<Array2<
                        f32,
                    > as ::tensorspec::__private::TensorField>::Shape as ::tensorspec::__private::Shape>::RANK,
                )
            },
        >>::OK;
    }
    #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
    fn __tensorspec_check_1<label>() {
        let _ = <<label as ::tensorspec::__private::Id>::Out as ::tensorspec::__private::DTypeIs<
            i64,
            <i64 as ::tensorspec::__private::TensorField>::Elem,
        >>::OK;
    }
    impl ::tensorspec::TensorSpec for Sample {
        fn spec() -> &'static ::tensorspec::Spec {
            ::core::unreachable!()
        }
        fn __validate_into(
            &self,
            _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
            _: &mut ::tensorspec::__private::Vec<::tensorspec::__private::Violation>,
        ) -> bool {
            ::core::unreachable!()
        }
    }
    #[automatically_derived]
    #[diagnostic::do_not_recommend]
    impl ::tensorspec::TensorField for Sample
    where
        Self: ::tensorspec::TensorSpec,
    {
        type Elem = Self;
        #[doc(hidden)]
        type Shape = ::tensorspec::__private::NestedShape;
        #[doc(hidden)]
        const KIND: ::tensorspec::__private::FieldKind = ::tensorspec::__private::FieldKind::Nested {
            spec: <Self as ::tensorspec::TensorSpec>::spec,
            optional: false,
        };
        #[inline]
        fn __check(
            &self,
            checker: &mut ::tensorspec::__private::Checker<'_>,
            name: &'static str,
            _: ::tensorspec::__private::Option<&[::tensorspec::__private::Expect]>,
        ) {
            checker.nested(name, self);
        }
    }
    #[automatically_derived]
    impl ::tensorspec::__private::Stack for Sample
    where
        Self: ::tensorspec::TensorField,
    {
        type Batch = ::tensorspec::__private::NoBatch<Self>;
        fn __stack<'__items, __Items>(
            _: __Items,
            _: usize,
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
        fn __stack_padded<'__items, __Items>(
            _: __Items,
            _: usize,
            _: ::tensorspec::__private::Option<
                <Self as ::tensorspec::__private::TensorField>::Elem,
            >,
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
            _: ::tensorspec::__private::Option<&[usize]>,
            _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
        ) -> ::tensorspec::__private::Result<
            Self::Batch,
            ::tensorspec::__private::StackError,
        > {
            ::tensorspec::__private::Ok(::tensorspec::__private::NoBatch::NEW)
        }
    }
};
