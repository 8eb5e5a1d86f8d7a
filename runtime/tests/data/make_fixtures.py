"""Writes the NumPy-made fixtures of runtime/tests/files.rs. Run from this folder:
`python3 make_fixtures.py` (needs numpy). The .npz files are committed; CI does not run this."""

import numpy as np

# TensorFlow's dtype case: a uint8 array where float32 is declared.
np.savez("uint8_features.npz", features=np.array([1, 2, 255], dtype=np.uint8))

# Layouts and byte orders NumPy writes and Rust code must read right.
np.savez(
    "layouts.npz",
    fortran=np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3)),
    big=np.array([1, -2, 3, 2**31 - 1], dtype=">i4"),
    flags=np.array([True, False, True]),
    z=np.array([1 + 2j, -3.5j], dtype=np.complex64),
    half=np.array([0.5, -2.0], dtype=np.float16),
)

# A compressed file of samples, stacked on the first axis.
np.savez_compressed(
    "samples.npz",
    image=np.arange(4 * 2 * 2, dtype=np.float32).reshape(4, 2, 2),
    label=np.array([0, 1, 2, 3], dtype=np.int64),
)

# Headers NumPy reads that NumPy's own writer does not produce (`tests/numpy_headers.rs`):
# each holds np.arange(6).reshape(2, 3) in its dtype, and np.load reads each back to that.
import io
import os

os.makedirs("headers", exist_ok=True)
EXPECTED = np.arange(6).reshape(2, 3)


def header(descr, fortran, shape, version, newline):
    """NumPy's header layout (keys sorted, padded to 64 bytes), for any descr and version."""
    text = f"{{'descr': {descr!r}, 'fortran_order': {fortran!r}, 'shape': {shape!r}, }}"
    preamble = 10 if version == 1 else 12
    end = "\n" if newline else " "
    text += " " * (-(preamble + len(text) + 1) % 64) + end
    size = len(text).to_bytes(2 if version == 1 else 4, "little")
    return b"\x93NUMPY" + bytes([version, 0]) + size + text.encode("latin1")


def write(name, descr, fortran, version=1, newline=True, dtype=None):
    array = EXPECTED.astype(dtype or descr)
    raw = header(descr, fortran, array.shape, version, newline)
    data = array.tobytes(order="F" if fortran else "C")
    with open(f"headers/{name}.npy", "wb") as f:
        f.write(raw + data)
    back = np.load(f"headers/{name}.npy")
    assert (back == array).all() and back.shape == (2, 3), name


write("native_f8_fortran", "=f8", True, dtype="<f8")
write("bar_u4_fortran", "|u4", True, dtype="<u4")
write("big_u4_fortran", ">u4", True)
write("b1_fortran", "<b1", True, dtype="?")
write("big_b1", ">b1", False, dtype="?")
write("big_c8_fortran", ">c8", True)
write("named_float32", "float32", False)
write("named_float32_fortran", "float32", True)
write("big_i8_v2", ">i8", False, version=2)
write("f4_v3", "<f4", True, version=3)
write("no_newline", "<i2", False, newline=False)

# Every float class NumPy keeps, bit for bit: signalling and quiet NaNs with payloads,
# -0.0, subnormals, infinities.
f32_bits = np.array([0x7F9BE821, 0xFFC00001, 0x80000000, 0x00000001, 0x807FFFFF, 0x7F800000], dtype="<u4")
np.save("headers/f32_classes.npy", f32_bits.view("<f4"))
f16_bits = np.array([0x7D01, 0xFE01, 0x8000, 0x0001, 0x83FF, 0xFC00], dtype="<u2")
np.save("headers/f16_classes.npy", f16_bits.view("<f2"))
c8_bits = np.array([0x7F9BE821, 0x80000000, 0x00000001, 0xFFC00001], dtype="<u4")
np.save("headers/c8_classes.npy", c8_bits.view("<c8"))

# NumPy's verdict on header variants (`tests/numpy_headers.rs` compares tensorspec's): one
# JSON array a line, `[verdict, version, final newline, data bytes, dict text]`, the verdict
# `"ok <dtype.str> <shape>"` or `"refused"`; the file is the dict padded with spaces as NumPy
# pads it, then that many zero bytes.
import itertools
import json
import warnings

from numpy.lib import _format_impl

warnings.simplefilter("ignore")

DESCRS = [
    "'<f4'", "'>f4'", "'=f8'", "'|f8'", "'f4'", "'f'", "'>f'", "'d'", "'e'", "'<f2'", "'?'",
    "'b1'", "'<b1'", "'>b1'", "'|b1'", "'u1'", "'|u1'", "'>u2'", "'<u4'", "'|u4'", "'>u8'",
    "'i1'", "'>i2'", "'<i4'", "'=i8'", "'q'", "'Q'", "'h'", "'H'", "'i'", "'I'", "'b'", "'B'",
    "'<c8'", "'>c16'", "'F'", "'D'", "'float32'", "'float64'", "'float16'", "'int8'",
    "'uint64'", "'bool'", "'double'", "'single'", "'half'", "'complex64'", "'complex128'",
    "'float'", "'int'", "'complex'", "'>float32'", "'<float32'", "'<U4'", "'|O'", "'<f16'",
    "'<c32'", "'<m8[ns]'", "'V4'", "'l'", "''", "'<f3'", "'<i3'", '"<f4"', "[('a', '<f4')]",
    "'Float32'", "'f4 '", "' f4'",
]
SHAPES = [
    "()", "(3,)", "(2, 3)", "(3)", "(2,3,)", "( 2 , 3 )", "[3]", "(-1,)", "(3L,)", "(0x3,)",
    "(1_0,)", "(0, 3)", "(03,)", "(3.0,)", "(True,)", "((3,),)", "(3,,)", "(,)", "",
]
FORTRANS = ["False", "True", "false", "0", "1", "None"]


def raw_file(text, version, newline):
    end = "\n" if newline else " "
    preamble = 10 if version == 1 else 12
    text += " " * (-(preamble + len(text) + 1) % 64) + end
    size = len(text).to_bytes(2 if version == 1 else 4, "little")
    return b"\x93NUMPY" + bytes([version, 0]) + size + text.encode("latin1")


def data_len(raw):
    """The data length NumPy's own header reader derives (0 if it refuses the header)."""
    fp = io.BytesIO(raw)
    try:
        version = np.lib.format.read_magic(fp)
        shape, _, dtype = _format_impl._read_array_header(fp, version)
        return max(0, int(np.prod(shape, dtype=np.int64)) * dtype.itemsize)
    except Exception:
        return 0


def verdict(raw):
    try:
        array = np.load(io.BytesIO(raw), allow_pickle=False)
    except Exception:
        return "refused"
    return f"ok {array.dtype.str} {','.join(map(str, array.shape))}"


texts = []
for descr, shape, fortran in itertools.product(DESCRS, SHAPES[:4], FORTRANS[:2]):
    texts.append((f"{{'descr': {descr}, 'fortran_order': {fortran}, 'shape': {shape}, }}", 1, True))
for shape, fortran in itertools.product(SHAPES, FORTRANS):
    texts.append((f"{{'descr': '<i2', 'fortran_order': {fortran}, 'shape': {shape}, }}", 1, True))
for text in [
    "{'shape': (2,), 'descr': '<i2', 'fortran_order': False}",
    '{"descr": "<i2", "fortran_order": False, "shape": (2,)}',
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), 'extra': 1}",
    "{'descr': '<i2', 'fortran_order': False}",
    "{'descr': '<i2', 'shape': (2,)}",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,)",
    "{'descr': '<i2' 'fortran_order': False, 'shape': (2,)}",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,)}}",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,),,}",
    "['descr', '<i2']",
    "{}",
    "",
    "  {'descr': '<i2', 'fortran_order': False, 'shape': (2,)}",
    "{\t'descr':\t'<i2',\n'fortran_order': False, 'shape': (2,)}",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,)} # note",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,), 'descr': '<i4'}",
    "{'descr': u'<i2', 'fortran_order': False, 'shape': (2,)}",
    "{'descr': '<i2', 'fortran_order': False, 'shape': (2,)};",
]:
    texts.append((text, 1, True))
for version, newline in itertools.product([1, 2, 3], [True, False]):
    texts.append(("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }", version, newline))
with open("headers/cases.jsonl", "w") as f:
    for text, version, newline in texts:
        raw = raw_file(text, version, newline)
        length = data_len(raw)
        line = [verdict(raw + bytes(length)), version, newline, length, text]
        f.write(json.dumps(line) + "\n")
