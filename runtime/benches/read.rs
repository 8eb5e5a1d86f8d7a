//! Exact-dtype reads of 64 MiB against a plain copy of the same bytes, in the same run.
//!
//! `cargo bench -p tensorspec --bench read`
//!
//! One `f32` tensor of 16 Mi elements (64 MiB), little-endian and contiguous, read into an
//! `Array1<f32>` field (or, for `.npy`, a `Tensor`): each read is one copy, as the baselines
//! are. `plain-copy` allocates the output and `copy_from_slice`s the bytes into it, as every
//! read must; `plain-copy-reused` copies into a buffer allocated once (no page faults), the
//! stricter baseline.
//!
//! - `npy`: `Tensor::from_npy` of a 64 MiB `.npy` file;
//! - `npz-stored`: `read_npz` of an uncompressed `.npz` file (the entry read in place, its
//!   checksum checked);
//! - `safetensors`: `read_safetensors` into an owned array, and into a view (no copy).

use std::hint::black_box;
use std::io::{Cursor, Write};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::{Array1, ArrayView1};
use tensorspec::{ReadOptions, Tensor, TensorSpec, read_npz, read_safetensors, write_safetensors};

const ELEMENTS: usize = 16 << 20;
const BYTES: usize = ELEMENTS * size_of::<f32>();

#[derive(TensorSpec)]
struct Owned {
    #[tensor(dtype = f32, shape = [_])]
    values: Array1<f32>,
}

#[derive(TensorSpec)]
struct Borrowed<'a> {
    #[tensor(dtype = f32, shape = [_])]
    values: ArrayView1<'a, f32>,
}

fn values() -> Array1<f32> {
    Array1::from_shape_fn(ELEMENTS, |i| i as f32)
}

/// An `.npz` file of `npy` as the entry `values.npy`, uncompressed.
fn stored_npz(npy: &[u8]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let written = writer
        .start_file("values.npy", options)
        .map_err(std::io::Error::from)
        .and_then(|()| writer.write_all(npy));
    match written
        .map_err(zip::result::ZipError::from)
        .and_then(|()| writer.finish())
    {
        Ok(cursor) => cursor.into_inner(),
        Err(error) => panic!("{error}"),
    }
}

/// The baselines: the same bytes copied into a fresh output, and into a reused one.
fn baselines(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    data: &[u8],
) {
    group.bench_function("plain-copy", |b| {
        b.iter(|| {
            let mut out = vec![0f32; ELEMENTS];
            bytemuck::cast_slice_mut::<f32, u8>(&mut out).copy_from_slice(black_box(data));
            black_box(out)
        })
    });
    let mut reused = vec![0f32; ELEMENTS];
    group.bench_function("plain-copy-reused", |b| {
        b.iter(|| {
            bytemuck::cast_slice_mut::<f32, u8>(&mut reused).copy_from_slice(black_box(data));
            black_box(&reused);
        })
    });
}

fn read(c: &mut Criterion) {
    let tensor = Tensor::from(values());
    let npy = tensor.to_npy().unwrap_or_default();
    let npz = stored_npz(&npy);
    let st = write_safetensors(&Owned { values: values() }).unwrap_or_default();
    let options = ReadOptions::new();

    let mut group = c.benchmark_group("read/64MiB");
    group.throughput(Throughput::Bytes(BYTES as u64));
    group.sample_size(20);
    baselines(&mut group, tensor.data());
    group.bench_function("npy", |b| {
        b.iter(|| black_box(Tensor::from_npy(black_box(&npy)).map(|t| t.data().len())))
    });
    group.bench_function("npz-stored", |b| {
        b.iter(|| black_box(read_npz::<Owned>(black_box(&npz), &options).map(|s| s.values)))
    });
    group.bench_function("safetensors", |b| {
        b.iter(|| black_box(read_safetensors::<Owned>(black_box(&st), &options).map(|s| s.values)))
    });
    group.bench_function("safetensors-view", |b| {
        b.iter(|| {
            black_box(
                read_safetensors::<Borrowed<'_>>(black_box(&st), &options).map(|s| s.values.len()),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
