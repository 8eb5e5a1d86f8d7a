//! Property tests of padded stacking: random shapes of rank 0 to 3, zero extents included,
//! against a simple reference padding, for ndarray fields (standard and Fortran layout) and
//! nested `Vec` fields.

use ndarray::{
    Array0, Array1, Array2, Array3, ArrayD, ArrayViewD, Axis, IxDyn, ShapeBuilder, Slice,
};
use proptest::prelude::*;
use tensorspec::prelude::*;

/// The reference: a `[n, longest...]` array of `pad`, each sample assigned to its leading
/// corner. `rank` when there are no samples.
fn reference(samples: &[ArrayD<i32>], rank: usize, pad: i32) -> ArrayD<i32> {
    let mut shape = vec![samples.len()];
    for axis in 0..rank {
        shape.push(samples.iter().map(|s| s.shape()[axis]).max().unwrap_or(0));
    }
    let mut padded = ArrayD::from_elem(IxDyn(&shape), pad);
    for (i, sample) in samples.iter().enumerate() {
        padded
            .index_axis_mut(Axis(0), i)
            .slice_each_axis_mut(|axis| Slice::from(0..sample.shape()[axis.axis.index()]))
            .assign(sample);
    }
    padded
}

/// A sample's shape as a nested `Vec` reports it: past an empty axis, the rows' extents are
/// unknown and count as 0.
fn nested_shape(shape: &[usize]) -> Vec<usize> {
    let first_empty = shape.iter().position(|&e| e == 0).unwrap_or(shape.len());
    shape
        .iter()
        .enumerate()
        .map(|(axis, &e)| if axis > first_empty { 0 } else { e })
        .collect()
}

/// A nested `Vec` (or a scalar) of an array's elements.
trait Nest {
    fn nest(array: ArrayViewD<'_, i32>) -> Self;
}

impl Nest for i32 {
    fn nest(array: ArrayViewD<'_, i32>) -> Self {
        // A rank-0 array has one element.
        array.first().copied().unwrap_or_default()
    }
}

impl<T: Nest> Nest for Vec<T> {
    fn nest(array: ArrayViewD<'_, i32>) -> Self {
        array.outer_iter().map(T::nest).collect()
    }
}

/// A sample with an `ArrayD`, a fixed-rank array and a nested `Vec` of the same values, all
/// of rank `$rank`.
macro_rules! ranked {
    ($test:ident, $name:ident, $batch:ident, $rank:literal, $fixed:ty, $nested:ty) => {
        #[derive(Clone, Debug, TensorSpec)]
        #[tensor(batch = $batch)]
        struct $name {
            #[tensor(pad = -1)]
            dynamic: ArrayD<i32>,
            #[tensor(pad = -2)]
            fixed: $fixed,
            #[tensor(pad = -3)]
            nested: $nested,
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn $test(
                samples in prop::collection::vec(
                    (prop::collection::vec(0..4usize, $rank), any::<bool>()),
                    0..6,
                )
            ) {
                // Sample `i`'s values are distinct from every other's and from the pads.
                let arrays: Vec<ArrayD<i32>> = samples
                    .iter()
                    .enumerate()
                    .map(|(i, (shape, _))| {
                        let len: usize = shape.iter().product();
                        let values = (0..len).map(|k| (i * 1000 + k) as i32).collect();
                        ArrayD::from_shape_vec(IxDyn(shape), values).unwrap()
                    })
                    .collect();
                let values: Vec<$name> = arrays
                    .iter()
                    .zip(&samples)
                    .map(|(array, (shape, fortran))| {
                        // Fortran order: not contiguous in standard order, copied element-wise.
                        let mut fixed = ArrayD::zeros(IxDyn(shape).set_f(*fortran));
                        fixed.assign(array);
                        $name {
                            dynamic: array.clone(),
                            fixed: fixed.into_dimensionality().unwrap(),
                            nested: Nest::nest(array.view()),
                        }
                    })
                    .collect();
                let padded = $name::stack_padded(&values).unwrap();
                let batch = padded.batch;
                prop_assert_eq!(batch.len(), values.len());
                if values.is_empty() {
                    return Ok(());
                }
                prop_assert_eq!(batch.dynamic.into_dyn(), reference(&arrays, $rank, -1));
                prop_assert_eq!(batch.fixed.into_dyn(), reference(&arrays, $rank, -2));
                // A nested `Vec` is padded to the extents it reports.
                let nested: Vec<ArrayD<i32>> = arrays
                    .iter()
                    .map(|array| {
                        let shape = nested_shape(array.shape());
                        ArrayD::from_shape_vec(IxDyn(&shape), array.iter().copied().collect())
                            .unwrap()
                    })
                    .collect();
                prop_assert_eq!(batch.nested.into_dyn(), reference(&nested, $rank, -3));
                for (field, shapes) in [("dynamic", &arrays), ("nested", &nested)] {
                    let lengths = padded.lengths.field(field).unwrap();
                    for (i, array) in shapes.iter().enumerate() {
                        prop_assert_eq!(lengths.row(i).to_vec(), array.shape().to_vec());
                    }
                }
            }
        }
    };
}

ranked!(
    rank_0_pads_like_the_reference,
    Rank0,
    Rank0Batch,
    0,
    Array0<i32>,
    i32
);
ranked!(
    rank_1_pads_like_the_reference,
    Rank1,
    Rank1Batch,
    1,
    Array1<i32>,
    Vec<i32>
);
ranked!(
    rank_2_pads_like_the_reference,
    Rank2,
    Rank2Batch,
    2,
    Array2<i32>,
    Vec<Vec<i32>>
);
ranked!(
    rank_3_pads_like_the_reference,
    Rank3,
    Rank3Batch,
    3,
    Array3<i32>,
    Vec<Vec<Vec<i32>>>
);
