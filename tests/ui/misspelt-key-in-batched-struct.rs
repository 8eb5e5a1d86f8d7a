// One mistake is one error, even where the struct is used as a spec, a batch and a reader.
use ndarray::Array2;
use tensorspec::prelude::*;
use tensorspec::{FromTensors, Tensor, ToTensors};

#[derive(TensorSpec)]
#[tensor(batch = SampleBatch)]
struct Sample {
    #[tensor(dtyp = f32, shape = [H, W])]
    image: Array2<f32>,
    label: i64,
}

fn main() {
    let samples = vec![Sample { image: Array2::zeros((2, 2)), label: 0 }];
    let _ = samples[0].validate();
    let _: Result<SampleBatch, _> = Sample::stack(&samples);
    let _ = samples.into_iter().batched(2).count();
    let tensors: Vec<(String, Tensor)> = Vec::new();
    let _ = Sample::from_tensors(tensors.iter().map(|(name, t)| (name.as_str(), t.view())));
    let _ = Sample { image: Array2::zeros((2, 2)), label: 0 }.to_tensors();
}
