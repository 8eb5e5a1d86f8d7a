//! Field types behind pointers (`Box`, `Arc`, `Rc`) are the field; `&'a [E]` is a rank-1
//! view: each is validated, stacked, read and written like the field it holds.

use std::rc::Rc;
use std::sync::Arc;

use ndarray::{Array2, Array3};
use tensorspec::{FromTensors, Tensor, TensorSpec, TensorView, ToTensors};

#[derive(Debug, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = u8, shape = [H, W, 3])]
    pixels: Box<Array3<u8>>,
    #[tensor(shape = [H, W])]
    mask: Arc<Array2<f32>>,
    #[tensor(shape = [N])]
    tokens: Rc<Vec<i64>>,
    label: Box<i64>,
}

fn image(h: usize, w: usize, n: usize) -> Image {
    Image {
        pixels: Box::new(Array3::zeros((h, w, 3))),
        mask: Arc::new(Array2::zeros((h, w))),
        tokens: Rc::new(vec![1; n]),
        label: Box::new(7),
    }
}

#[test]
fn pointers_are_validated_as_the_field_they_hold() {
    image(2, 3, 4).validate().unwrap();
    let mut bad = image(2, 3, 4);
    bad.mask = Arc::new(Array2::zeros((2, 4)));
    assert_eq!(
        bad.validate().unwrap_err().to_string(),
        "field `mask`: shape mismatch: expected [H=2, W=3], found [2, 4] (W=3 from `pixels`)"
    );
    assert_eq!(
        Image::spec().to_string(),
        "pixels: u8[H, W, 3]\nmask: f32[H, W]\ntokens: i64[N]\nlabel: i64[]\n"
    );
}

#[test]
fn pointers_stack_and_split_back() {
    let batch = Image::stack(&[image(2, 3, 4), image(2, 3, 4)]).unwrap();
    assert_eq!(batch.pixels.shape(), [2, 2, 3, 3]);
    assert_eq!(batch.tokens.shape(), [2, 4]);
    assert_eq!(batch.label.to_vec(), [7, 7]);
    batch.validate().unwrap();
    let samples = batch.into_samples().unwrap();
    assert_eq!(*samples[1].label, 7);
    assert_eq!(samples[0].tokens.len(), 4);
}

#[test]
fn pointers_are_read_and_written_as_the_field() {
    let tensors = image(2, 3, 4).to_tensors().unwrap();
    let views: Vec<(String, TensorView<'_>)> =
        tensors.iter().map(|(n, t)| (n.clone(), t.view())).collect();
    let back = Image::from_tensors(views).unwrap();
    assert_eq!(back.pixels.shape(), [2, 3, 3]);
    assert_eq!(*back.label, 7);
}

#[derive(Debug, TensorSpec)]
#[tensor(batch = WaveBatch)]
struct Wave<'a> {
    #[tensor(shape = [T])]
    samples: &'a [f32],
    #[tensor(shape = [T])]
    times: Vec<f64>,
}

#[test]
fn a_slice_is_a_rank_one_view() {
    let data = [0.5f32; 5];
    let wave = Wave {
        samples: &data,
        times: vec![0.0; 5],
    };
    wave.validate().unwrap();
    assert_eq!(Wave::spec().to_string(), "samples: f32[T]\ntimes: f64[T]\n");
    let short = Wave {
        samples: &data[..4],
        times: vec![0.0; 5],
    };
    assert!(short.validate().is_err());

    let batch = Wave::stack(&[wave]).unwrap();
    assert_eq!(batch.samples.shape(), [1, 5]);

    // Read back without copying: the slice borrows the tensor's bytes.
    let tensor = Tensor::from(ndarray::Array1::from(vec![1.5f32; 3]));
    let times = Tensor::from(ndarray::Array1::from(vec![0.0f64; 3]));
    let read = Wave::from_tensors([("samples", tensor.view()), ("times", times.view())]).unwrap();
    assert_eq!(read.samples, [1.5; 3]);
    assert_eq!(read.samples.as_ptr().cast::<u8>(), tensor.data().as_ptr());
}
