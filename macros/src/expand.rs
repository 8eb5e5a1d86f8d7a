//! Code generation, in order: the probes, the spec and `validate()`, reading and writing
//! named tensors, and batches. Each part is in a module of its own; this is the plan.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::Input;
use crate::generics::struct_predicates;
use crate::keys::{MAX_RANK, TUPLE_FIELDS};

pub fn derive(input: &Input) -> TokenStream {
    let private = crate::private();
    let door = crate::door_alias();
    let lowered = crate::dims::lower(input);
    let probes = crate::probes::plan(input);
    let symbols = crate::probes::symbols(input);
    let mut predicates = struct_predicates(input.generics);
    predicates.extend(probes.predicates);
    let spec = crate::spec::expand(input, &lowered, &predicates);
    let tensors = crate::tensors::expand(input, &predicates);
    let (batch_struct, batch_impls) = crate::batch::expand(input, &predicates);
    let functions = probes.functions;
    let markers = probes.markers;
    quote! {
        #batch_struct

        // Apart from the rest: its marker types are named after fields, and a symbol may be too.
        #[doc(hidden)]
        const _: () = {
            #symbols
        };

        #[doc(hidden)]
        const _: () = {
            #door
            const _: () = #private::assert_limits(#MAX_RANK, #TUPLE_FIELDS);
            #functions
            #markers
            #spec
            #tensors
            #batch_impls
        };
    }
}
