"""Writes the Arrow and Parquet fixtures of runtime/tests/arrow.rs and parquet.rs with the
tools that make such files in the wild: pyarrow, Hugging Face `datasets` and polars. Then it
reads back, with pyarrow, the files tensorspec wrote (tensorspec_*.parquet, *.arrow, written
by `TENSORSPEC_WRITE_FIXTURES=1 cargo test -p tensorspec --features parquet --test parquet`)
and records what it saw in pyarrow_read_back.json. The fixtures are committed; CI needs no
Python.

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pyarrow polars datasets
    /tmp/venv/bin/python runtime/tests/data/arrow/make_fixtures.py

The versions used are recorded in versions.json.
"""

import json
import os
import sys

import numpy as np
import pyarrow as pa
import pyarrow.ipc
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def image(row):
    """Row `row`'s 2x3 uint8 image: 10 * row + 0..6."""
    return (np.arange(6, dtype=np.uint8) + 10 * row).reshape(2, 3)


def points(row):
    """Row `row`'s (row + 1) x 2 float32 points: row + 0.5 * (0..2 * (row + 1))."""
    return (np.arange(2 * (row + 1), dtype=np.float32) * 0.5 + row).reshape(row + 1, 2)


def variable_shape_tensor(arrays, dim_names, uniform_shape):
    """pyarrow has no Python type for `arrow.variable_shape_tensor` (its C++ does): the
    canonical storage, a struct of `data` and `shape`, with the extension's metadata on the
    field, as pyarrow keeps an extension type it does not know."""
    ndim = len(uniform_shape)
    storage = pa.StructArray.from_arrays(
        [
            pa.array([a.ravel().tolist() for a in arrays], pa.list_(pa.float32())),
            pa.array([list(a.shape) for a in arrays], pa.list_(pa.int32(), ndim)),
        ],
        names=["data", "shape"],
    )
    metadata = {
        b"ARROW:extension:name": b"arrow.variable_shape_tensor",
        b"ARROW:extension:metadata": json.dumps(
            {"dim_names": dim_names, "uniform_shape": uniform_shape}
        ).encode(),
    }
    return storage, metadata


def pyarrow_tensors():
    """Both canonical tensor types, written by pyarrow, as an IPC file, an IPC stream and
    Parquet: 4 rows of image u8[2, 3], points f32[N, 2], label i64, weight f32 (nullable,
    null in row 2)."""
    rows = 4
    image_type = pa.fixed_shape_tensor(pa.uint8(), [2, 3], dim_names=["H", "W"])
    images = pa.ExtensionArray.from_storage(
        image_type,
        pa.array([image(r).ravel().tolist() for r in range(rows)], pa.list_(pa.uint8(), 6)),
    )
    storage, metadata = variable_shape_tensor(
        [points(r) for r in range(rows)], ["N", "2"], [None, 2]
    )
    schema = pa.schema(
        [
            pa.field("image", image_type, nullable=False),
            pa.field("points", storage.type, nullable=False, metadata=metadata),
            pa.field("label", pa.int64(), nullable=False),
            pa.field("weight", pa.float32()),
        ]
    )
    table = pa.Table.from_arrays(
        [
            images,
            storage,
            pa.array(range(7, 7 + rows), pa.int64()),
            pa.array([0.25, 0.5, None, 1.0], pa.float32()),
        ],
        schema=schema,
    )
    with pa.OSFile(path("pyarrow_tensors.arrow"), "wb") as sink:
        with pa.ipc.new_file(sink, schema) as writer:
            # Two record batches: row indices count across them.
            for batch in table.to_batches(max_chunksize=3):
                writer.write_batch(batch)
    with pa.OSFile(path("pyarrow_tensors.arrows"), "wb") as sink:
        with pa.ipc.new_stream(sink, schema) as writer:
            writer.write_table(table, max_chunksize=3)
    pq.write_table(table, path("pyarrow_tensors.parquet"), compression="snappy", row_group_size=3)


def hugging_face():
    """Hugging Face `datasets`: Array3D, Sequence (a list of int32), ClassLabel and Value,
    5 rows, as `Dataset.to_parquet` writes them (the features in the `huggingface` schema
    metadata, the arrays as nested lists)."""
    import datasets

    features = datasets.Features(
        {
            "image": datasets.Array3D(shape=(2, 2, 3), dtype="uint8"),
            "tokens": datasets.Sequence(datasets.Value("int32")),
            "label": datasets.ClassLabel(names=["cat", "dog", "bird"]),
            "score": datasets.Value("float32"),
        }
    )
    rows = 5
    data = {
        "image": [(np.arange(12, dtype=np.uint8) + r).reshape(2, 2, 3) for r in range(rows)],
        "tokens": [list(range(r, 2 * r + 1)) for r in range(rows)],
        "label": [r % 3 for r in range(rows)],
        "score": [r / 4 for r in range(rows)],
    }
    dataset = datasets.Dataset.from_dict(data, features=features)
    dataset.to_parquet(path("hf_dataset.parquet"))


def polars_arrays():
    """polars `Array` columns (fixed-size lists) with `compression="snappy"`, and the same
    with polars' default compression, zstd, which tensorspec does not build in."""
    import polars as pl

    rows = 3
    frame = pl.DataFrame(
        {
            "grid": [np.arange(4, dtype=np.float32).reshape(2, 2) + r for r in range(rows)],
            "label": [r * 2 for r in range(rows)],
        },
        schema={"grid": pl.Array(pl.Float32, (2, 2)), "label": pl.Int64},
    )
    frame.write_parquet(path("polars_array.parquet"), compression="snappy")
    frame.write_parquet(path("polars_array_zstd.parquet"))


def nested_lists():
    """Plain nested lists, as Spark and pandas write them: list<list<double>>, 5 rows, row 2
    ragged (rows of 2 and 1 values), row 3 null, row 4 with a null element."""
    values = [
        [[0.0, 1.0], [2.0, 3.0]],
        [[4.0, 5.0], [6.0, 7.0], [8.0, 9.0]],
        [[1.0, 2.0], [3.0]],
        None,
        [[1.0, None]],
    ]
    table = pa.table(
        {
            "matrix": pa.array(values, pa.list_(pa.list_(pa.float64()))),
            "id": pa.array(range(5), pa.int64()),
        }
    )
    pq.write_table(table, path("nested_lists.parquet"), compression="snappy")


def read_back():
    """What pyarrow (and polars) see in the files tensorspec wrote."""
    seen = {}
    for name in ["tensorspec_written.parquet", "tensorspec_written.arrow"]:
        if not os.path.exists(path(name)):
            print(f"{name} is missing: write it with TENSORSPEC_WRITE_FIXTURES=1 first", file=sys.stderr)
            continue
        if name.endswith(".parquet"):
            table = pq.read_table(path(name))
        else:
            table = pa.ipc.open_file(path(name)).read_all()
        columns = {}
        for field in table.schema:
            column = table.column(field.name).combine_chunks()
            entry = {"type": str(field.type), "nullable": field.nullable}
            if isinstance(field.type, pa.FixedShapeTensorType):
                entry["shape"] = list(field.type.shape)
                entry["values"] = column.to_numpy_ndarray().tolist()
            else:
                entry["values"] = column.to_pylist()
            columns[field.name] = entry
        seen[name] = {"rows": table.num_rows, "columns": columns}
    if seen.get("tensorspec_written.parquet"):
        import polars as pl

        frame = pl.read_parquet(path("tensorspec_written.parquet"))
        seen["polars"] = {name: str(dtype) for name, dtype in frame.schema.items()}
    with open(path("pyarrow_read_back.json"), "w") as out:
        json.dump(seen, out, indent=1, sort_keys=True)
        out.write("\n")


def versions():
    import datasets
    import polars

    with open(path("versions.json"), "w") as out:
        json.dump(
            {
                "python": sys.version.split()[0],
                "numpy": np.__version__,
                "pyarrow": pa.__version__,
                "polars": polars.__version__,
                "datasets": datasets.__version__,
            },
            out,
            indent=1,
            sort_keys=True,
        )
        out.write("\n")


if __name__ == "__main__":
    pyarrow_tensors()
    hugging_face()
    polars_arrays()
    nested_lists()
    read_back()
    versions()
