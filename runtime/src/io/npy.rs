//! `.npy` files, NumPy's format, read and written here: a magic string, a version, the
//! header's length, the header (a Python dict literal with the keys `descr`,
//! `fortran_order` and `shape`), then the raw data.
//!
//! The header parser reads each byte at most once and refuses what no NumPy header has: a
//! header past NumPy's own limit (10,000 bytes), more than 64 axes, an extent past
//! `usize`, nesting (only a structured dtype, which is refused anyway, has brackets, and
//! they are skipped to a bounded depth).

use std::borrow::Cow;

use ndarray::{ArrayViewD, IxDyn};

use super::{ReadError, WriteError, stand_in};
use crate::dtype::DType;
use crate::tensor::{Tensor, TensorError, TensorView, byte_len};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// NumPy's own default limit of a header's length (`max_header_size` of `np.load`).
pub(super) const MAX_HEADER_LEN: usize = 10_000;
/// NumPy's largest rank (`NPY_MAXDIMS`).
const MAX_RANK: usize = 64;
/// How deep a structured dtype's brackets may nest; they are skipped, never kept.
const MAX_DEPTH: usize = 32;
/// The longest preamble: magic, version, a 4-byte header length (versions 2 and 3).
pub(super) const MAX_PREAMBLE: usize = 12;

pub(super) fn malformed(
    format: &'static str,
    name: &str,
    message: impl std::fmt::Display,
) -> ReadError {
    ReadError::Malformed {
        format,
        message: format!("`{name}`: {message}"),
        source: None,
    }
}

/// A malformed file that a library (`zip`, I/O) found: `what` went wrong reading `name`,
/// and the library's error is the source.
pub(super) fn malformed_by(
    format: &'static str,
    name: &str,
    what: &str,
    error: impl std::error::Error + Send + Sync + 'static,
) -> ReadError {
    ReadError::Malformed {
        format,
        message: format!("`{name}`: {what}"),
        source: Some(Box::new(error)),
    }
}

/// An `.npy` file's preamble: its version, its own length and the header's.
#[derive(Clone, Copy, Debug)]
pub(super) struct Preamble {
    pub(super) version: u8,
    pub(super) len: usize,
    pub(super) header_len: usize,
}

/// The preamble at the start of `bytes` (which may hold less than [`MAX_PREAMBLE`] bytes,
/// or more).
pub(super) fn preamble(bytes: &[u8]) -> Result<Preamble, String> {
    let Some((&[major, minor], rest)) = bytes
        .strip_prefix(MAGIC)
        .and_then(|rest| rest.split_first_chunk::<2>())
    else {
        return Err("not an .npy array (no magic string)".to_owned());
    };
    // NumPy reads versions 1.0, 2.0 and 3.0 only.
    let (header_len, len) = match (major, minor, rest) {
        (1, 0, [a, b, ..]) => (usize::from(u16::from_le_bytes([*a, *b])), 10),
        (2 | 3, 0, [a, b, c, d, ..]) => {
            let len = u32::from_le_bytes([*a, *b, *c, *d]);
            (usize::try_from(len).unwrap_or(usize::MAX), 12)
        }
        (1..=3, 0, _) => return Err("truncated in its preamble".to_owned()),
        _ => return Err(format!("unknown .npy version {major}.{minor}")),
    };
    Ok(Preamble {
        version: major,
        len,
        header_len,
    })
}

/// An `.npy` header's dtype descriptor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Descr {
    /// A string: `'<f4'`, `'|b1'`, `'float32'`.
    Simple(String),
    /// A structured dtype (a list of fields): never a tensor here.
    Structured,
}

/// An `.npy` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) descr: Descr,
    pub(super) fortran_order: bool,
    pub(super) shape: Vec<usize>,
}

impl Header {
    /// The dtype and whether the data is big-endian, or the descriptor as the file spells it.
    fn dtype(&self) -> Result<(DType, bool), String> {
        match &self.descr {
            Descr::Simple(descr) => descriptor(descr).ok_or_else(|| descr.clone()),
            Descr::Structured => Err("a structured dtype".to_owned()),
        }
    }
}

/// Parses an `.npy` header: a Python dict literal of exactly the keys `descr`,
/// `fortran_order` and `shape`, as `np.load` accepts it (either quote, any key order, a
/// trailing comma, whitespace and newlines, Python 2's `3L` extents in versions 1 and 2).
pub(super) fn parse_header(text: &[u8], version: u8) -> Result<Header, String> {
    if text.len() > MAX_HEADER_LEN {
        return Err(format!(
            "the header claims {} bytes, more than NumPy's limit of {MAX_HEADER_LEN}",
            text.len()
        ));
    }
    let mut parser = Parser {
        text,
        at: 0,
        long_suffix: version < 3,
    };
    let (mut descr, mut fortran_order, mut shape) = (None, None, None);
    parser.space();
    parser.expect(b'{')?;
    loop {
        parser.space();
        if parser.eat(b'}') {
            break;
        }
        let key = parser.string()?;
        parser.space();
        parser.expect(b':')?;
        parser.space();
        match key {
            "descr" => descr = Some(parser.descr()?),
            "fortran_order" => fortran_order = Some(parser.boolean()?),
            "shape" => shape = Some(parser.shape()?),
            other => {
                return Err(format!(
                    "the header has a key '{other}' (NumPy's are 'descr', 'fortran_order' and 'shape')"
                ));
            }
        }
        parser.space();
        if !parser.eat(b',') {
            parser.expect(b'}')?;
            break;
        }
    }
    parser.space();
    if parser.at != text.len() {
        return Err(parser.error("the end of the header"));
    }
    match (descr, fortran_order, shape) {
        (Some(descr), Some(fortran_order), Some(shape)) => Ok(Header {
            descr,
            fortran_order,
            shape,
        }),
        _ => Err("the header lacks one of 'descr', 'fortran_order' and 'shape'".to_owned()),
    }
}

/// A single pass over a header's bytes.
struct Parser<'h> {
    text: &'h [u8],
    at: usize,
    /// Whether `3L` is an extent (Python 2's long integers, in headers of versions 1 and 2).
    long_suffix: bool,
}

impl<'h> Parser<'h> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.error(&format!("'{}'", char::from(byte))))
        }
    }

    fn error(&self, expected: &str) -> String {
        match self.peek() {
            Some(byte) => format!(
                "at byte {} of the header: expected {expected}, found {:?}",
                self.at,
                char::from(byte)
            ),
            None => format!("the header ends where {expected} was expected"),
        }
    }

    /// Python's whitespace inside brackets (lines join there), and comments.
    fn space(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') => self.at += 1,
                Some(b'#') => {
                    let rest = self.text.get(self.at..).unwrap_or_default();
                    self.at += rest
                        .iter()
                        .position(|&byte| byte == b'\n')
                        .unwrap_or(rest.len());
                }
                _ => return,
            }
        }
    }

    /// A string literal in single or double quotes, without escapes (a `u` or `r` prefix
    /// changes nothing then).
    fn string(&mut self) -> Result<&'h str, String> {
        if matches!(self.peek(), Some(b'u' | b'U' | b'r' | b'R'))
            && matches!(self.text.get(self.at + 1), Some(b'\'' | b'"'))
        {
            self.at += 1;
        }
        let quote = match self.peek() {
            Some(quote @ (b'\'' | b'"')) => quote,
            _ => return Err(self.error("a string")),
        };
        let start = self.at + 1;
        let len = self
            .text
            .get(start..)
            .unwrap_or_default()
            .iter()
            .position(|&byte| byte == quote || byte == b'\\' || byte == b'\n')
            .ok_or_else(|| "the header ends inside a string".to_owned())?;
        self.at = start + len;
        self.expect(quote)?;
        let bytes = self.text.get(start..start + len).unwrap_or_default();
        std::str::from_utf8(bytes).map_err(|_| "a string in the header is not UTF-8".to_owned())
    }

    fn descr(&mut self) -> Result<Descr, String> {
        match self.peek() {
            Some(b'[') => {
                self.skip_nested()?;
                Ok(Descr::Structured)
            }
            _ => Ok(Descr::Simple(self.string()?.to_owned())),
        }
    }

    /// Skips a bracketed value (a structured dtype's fields), at most `MAX_DEPTH` deep.
    fn skip_nested(&mut self) -> Result<(), String> {
        let mut depth = 0usize;
        loop {
            match self.peek() {
                Some(b'[' | b'(') => {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return Err(format!("the header nests more than {MAX_DEPTH} deep"));
                    }
                    self.at += 1;
                }
                Some(b']' | b')') => {
                    depth = depth.saturating_sub(1);
                    self.at += 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Some(b'\'' | b'"') => {
                    self.string()?;
                }
                Some(_) => self.at += 1,
                None => return Err("the header ends inside brackets".to_owned()),
            }
        }
    }

    fn word(&mut self, word: &str) -> bool {
        let end = self.at + word.len();
        let matches = self.text.get(self.at..end) == Some(word.as_bytes())
            && !self
                .text
                .get(end)
                .is_some_and(|&byte| byte.is_ascii_alphanumeric() || byte == b'_');
        if matches {
            self.at = end;
        }
        matches
    }

    fn boolean(&mut self) -> Result<bool, String> {
        if self.word("True") {
            Ok(true)
        } else if self.word("False") {
            Ok(false)
        } else {
            Err(self.error("True or False"))
        }
    }

    /// A tuple of extents: `()`, `(3,)`, `(2, 3)`, `(2, 3,)`; `(3)` is an integer.
    fn shape(&mut self) -> Result<Vec<usize>, String> {
        self.expect(b'(')?;
        let mut shape = Vec::new();
        loop {
            self.space();
            if self.eat(b')') {
                return Ok(shape);
            }
            if shape.len() == MAX_RANK {
                return Err(format!("the shape has more than {MAX_RANK} axes"));
            }
            shape.push(self.extent()?);
            self.space();
            if self.eat(b',') {
                continue;
            }
            if shape.len() == 1 {
                return Err(self.error("',' (a shape is a tuple)"));
            }
            self.expect(b')')?;
            return Ok(shape);
        }
    }

    /// A non-negative Python integer literal (`3`, `1_000`, `0x10`, `3L` where allowed).
    fn extent(&mut self) -> Result<usize, String> {
        let radix = match self.text.get(self.at..self.at + 2) {
            Some(b"0x" | b"0X") => 16,
            Some(b"0o" | b"0O") => 8,
            Some(b"0b" | b"0B") => 2,
            _ => 10,
        };
        if radix != 10 {
            self.at += 2;
            self.eat(b'_');
        }
        let mut value: usize = 0;
        let mut digits = 0usize;
        let mut leading_zero = false;
        let mut nonzero = false;
        while let Some(byte) = self.peek() {
            if byte == b'_' && digits > 0 {
                self.at += 1;
                continue;
            }
            let Some(digit) = char::from(byte).to_digit(radix) else {
                break;
            };
            if digits == 0 && digit == 0 {
                leading_zero = true;
            }
            nonzero |= digit != 0;
            digits += 1;
            value = value
                .checked_mul(radix as usize)
                .and_then(|value| value.checked_add(digit as usize))
                .ok_or_else(|| "an extent in the shape is larger than a usize".to_owned())?;
            self.at += 1;
        }
        if digits == 0 || self.text.get(self.at.wrapping_sub(1)) == Some(&b'_') {
            return Err(self.error("a non-negative integer"));
        }
        // Python refuses `007` (but not `000`).
        if radix == 10 && leading_zero && nonzero {
            return Err("an extent in the shape has a leading zero".to_owned());
        }
        if self.long_suffix {
            let _ = self.eat(b'L') || self.eat(b'l');
        }
        Ok(value)
    }
}

/// The dtype of a NumPy type descriptor, and whether its bytes are big-endian: a kind and
/// size (`<f4`, `|u1`, `>c16`), a type character (`f`, `?`, `>d`), each with an optional
/// byte order (`<`, `>`, `=` and `|` meaning this machine's, little-endian here), or a
/// name NumPy knows (`float32`, `bool`, `double`) without one; `l` and `long` are C's `long`
/// here, as NumPy reads them here. `None` for what tensorspec does not have (`<U4`, `|O`,
/// `<f16`), or NumPy refuses (`>float32`).
pub(super) fn descriptor(descr: &str) -> Option<(DType, bool)> {
    let (big, code) = match descr.split_at_checked(1) {
        Some((">", code)) => (true, code),
        Some(("<" | "=" | "|", code)) => (false, code),
        _ => return named(descr).map(|dtype| (dtype, false)),
    };
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "u1" | "B" => DType::U8,
        "u2" | "H" => DType::U16,
        "u4" | "I" => DType::U32,
        "u8" | "Q" => DType::U64,
        "i1" | "b" => DType::I8,
        "i2" | "h" => DType::I16,
        "i4" | "i" => DType::I32,
        "i8" | "q" => DType::I64,
        "f2" | "e" => DType::F16,
        "f4" | "f" => DType::F32,
        "f8" | "d" => DType::F64,
        "c8" | "F" => DType::Complex64,
        "c16" | "D" => DType::Complex128,
        "l" => c_long(false),
        "L" => c_long(true),
        _ => return None,
    };
    Some((dtype, big && dtype.size_of() > 1))
}

/// The dtype of C's `long` (NumPy's `l`) on this machine, as NumPy reads it here; `unsigned`
/// for `L`.
fn c_long(unsigned: bool) -> DType {
    match (size_of::<std::ffi::c_long>(), unsigned) {
        (4, false) => DType::I32,
        (4, true) => DType::U32,
        (_, false) => DType::I64,
        (_, true) => DType::U64,
    }
}

/// A descriptor without a byte order: a type character, kind and size, or NumPy's name.
fn named(descr: &str) -> Option<DType> {
    Some(match descr {
        // Sized as the reading machine's C `long`, as NumPy sizes them.
        "long" => c_long(false),
        "ulong" => c_long(true),
        "bool" | "bool_" => DType::Bool,
        "uint8" | "ubyte" => DType::U8,
        "uint16" | "ushort" => DType::U16,
        "uint32" | "uintc" => DType::U32,
        "uint64" | "ulonglong" => DType::U64,
        "int8" | "byte" => DType::I8,
        "int16" | "short" => DType::I16,
        "int32" | "intc" => DType::I32,
        "int64" | "longlong" | "int" => DType::I64,
        "float16" | "half" => DType::F16,
        "float32" | "single" => DType::F32,
        "float64" | "double" | "float" => DType::F64,
        "complex64" | "csingle" => DType::Complex64,
        "complex128" | "cdouble" | "complex" => DType::Complex128,
        code => return descriptor(&format!("|{code}")).map(|(dtype, _)| dtype),
    })
}

/// The descriptor NumPy writes for a dtype (`dtype.str`); `None` for `bf16`, which NumPy
/// does not have.
fn descr_of(dtype: DType) -> Option<&'static str> {
    Some(match dtype {
        DType::Bool => "|b1",
        DType::U8 => "|u1",
        DType::U16 => "<u2",
        DType::U32 => "<u4",
        DType::U64 => "<u8",
        DType::I8 => "|i1",
        DType::I16 => "<i2",
        DType::I32 => "<i4",
        DType::I64 => "<i8",
        DType::F16 => "<f2",
        DType::F32 => "<f4",
        DType::F64 => "<f8",
        DType::Complex64 => "<c8",
        DType::Complex128 => "<c16",
        DType::BF16 => return None,
    })
}

/// One array of an `.npy` file: little-endian data in standard order, borrowed from the
/// file where it is that already.
pub(super) struct Array<'a> {
    pub(super) dtype: DType,
    pub(super) shape: Vec<usize>,
    pub(super) data: Cow<'a, [u8]>,
}

impl Array<'_> {
    pub(super) fn view(&self, name: &str) -> Result<TensorView<'_>, ReadError> {
        TensorView::new(self.dtype, self.shape.clone(), &self.data).map_err(|error| {
            ReadError::Tensor {
                name: name.to_owned(),
                error,
            }
        })
    }
}

/// The dtype `header` claims, whether it is big-endian, and the number of data bytes its
/// shape claims (`None` if no memory holds that many), or the dtype tensorspec does not have.
pub(super) fn data_len(
    header: &Header,
    name: &str,
) -> Result<(DType, bool, Option<usize>), ReadError> {
    let (dtype, big) = header
        .dtype()
        .map_err(|dtype| ReadError::UnsupportedDType {
            name: name.to_owned(),
            dtype,
        })?;
    Ok((dtype, big, byte_len(dtype, &header.shape)))
}

/// The error of data of `found` bytes where `header` claims `expected`.
pub(super) fn length_error(
    header: Header,
    dtype: DType,
    expected: Option<usize>,
    found: usize,
    name: &str,
) -> ReadError {
    ReadError::Tensor {
        name: name.to_owned(),
        error: TensorError::Length {
            dtype,
            shape: header.shape,
            expected,
            found,
        },
    }
}

/// The array of `header` and `data` (exactly the bytes it claims, checked by the caller),
/// reordered and byte-swapped into standard order and little-endian where the file's is not.
pub(super) fn array<'a>(
    header: &Header,
    dtype: DType,
    big: bool,
    data: Cow<'a, [u8]>,
    name: &str,
    format: &'static str,
) -> Result<Array<'a>, ReadError> {
    let shape = header.shape.clone();
    if !big && (!header.fortran_order || shape.len() < 2) {
        return Ok(Array { dtype, shape, data });
    }
    let mut data = if header.fortran_order && shape.len() >= 2 {
        transpose(&data, &shape, dtype.size_of()).map_err(|error| malformed(format, name, error))?
    } else {
        data.into_owned()
    };
    if big {
        // A complex number is two floats, each in the file's byte order.
        let unit = match dtype {
            DType::Complex64 | DType::Complex128 => dtype.size_of() / 2,
            _ => dtype.size_of(),
        };
        for element in data.chunks_exact_mut(unit) {
            element.reverse();
        }
    }
    Ok(Array {
        dtype,
        shape,
        data: Cow::Owned(data),
    })
}

/// Fortran-order data of `shape` (standard order of the reversed shape) in standard order,
/// moved an element (`size` bytes) at a time.
fn transpose(data: &[u8], shape: &[usize], size: usize) -> Result<Vec<u8>, ndarray::ShapeError> {
    fn moved<const N: usize>(data: &[u8], shape: &[usize]) -> Result<Vec<u8>, ndarray::ShapeError> {
        let elements: &[[u8; N]] = bytemuck::try_cast_slice(data)
            .map_err(|_| ndarray::ShapeError::from_kind(ndarray::ErrorKind::IncompatibleShape))?;
        let reversed: Vec<usize> = shape.iter().rev().copied().collect();
        let view = ArrayViewD::from_shape(IxDyn(&reversed), elements)?;
        let standard: Vec<[u8; N]> = view.reversed_axes().iter().copied().collect();
        Ok(standard.into_flattened())
    }
    match size {
        1 => moved::<1>(data, shape),
        2 => moved::<2>(data, shape),
        4 => moved::<4>(data, shape),
        8 => moved::<8>(data, shape),
        _ => moved::<16>(data, shape),
    }
}

/// The array of the bytes of a whole `.npy` file, borrowing them where it can. With
/// `wanted` false (no field asks for it), only its header is read: it stands in as an
/// empty tensor of its shape, whatever its dtype.
pub(super) fn parse<'a>(
    bytes: &'a [u8],
    name: &str,
    format: &'static str,
    wanted: bool,
) -> Result<Array<'a>, ReadError> {
    let preamble = preamble(bytes).map_err(|error| malformed(format, name, error))?;
    let rest = bytes.get(preamble.len..).unwrap_or_default();
    let Some((text, data)) = rest.split_at_checked(preamble.header_len) else {
        return Err(malformed(
            format,
            name,
            format!(
                "the header claims {} bytes, but {} follow",
                preamble.header_len,
                rest.len()
            ),
        ));
    };
    let header =
        parse_header(text, preamble.version).map_err(|error| malformed(format, name, error))?;
    if !wanted {
        return stand_in_array(name, &header.shape);
    }
    let (dtype, big, len) = data_len(&header, name)?;
    if len != Some(data.len()) {
        return Err(length_error(header, dtype, len, data.len(), name));
    }
    array(&header, dtype, big, Cow::Borrowed(data), name, format)
}

/// What stands in for an array no field asks for: see `io::stand_in`.
pub(super) fn stand_in_array(name: &str, shape: &[usize]) -> Result<Array<'static>, ReadError> {
    let view = stand_in(name, shape)?;
    Ok(Array {
        dtype: view.dtype(),
        shape: view.shape().to_vec(),
        data: Cow::Borrowed(&[]),
    })
}

/// The `.npy` header of a tensor: preamble and dict, padded with spaces to a multiple of 64
/// bytes and ended by a newline, as NumPy writes it (version 1, or 2 for a header past
/// 65,535 bytes).
pub(super) fn header_bytes(tensor: &Tensor, name: &str) -> Result<Vec<u8>, WriteError> {
    let descr = descr_of(tensor.dtype()).ok_or_else(|| WriteError::UnsupportedDType {
        name: name.to_owned(),
        format: "npy",
        dtype: tensor.dtype(),
    })?;
    let shape = match tensor.shape() {
        [extent] => format!("({extent},)"),
        shape => {
            let extents: Vec<String> = shape.iter().map(usize::to_string).collect();
            format!("({})", extents.join(", "))
        }
    };
    let mut dict = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    // Padding adds at most 63 bytes and the newline one: version 1 if its 2-byte length holds.
    let (version, preamble) = if dict.len() + 64 <= usize::from(u16::MAX) {
        (1u8, 10)
    } else {
        (2, 12)
    };
    while (preamble + dict.len() + 1) % 64 != 0 {
        dict.push(' ');
    }
    dict.push('\n');
    let mut out = Vec::with_capacity(preamble + dict.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version, 0]);
    let too_long = || WriteError::Format {
        format: "npy",
        message: format!("`{name}`: a header of {} bytes", dict.len()),
        source: None,
    };
    if version == 1 {
        let len = u16::try_from(dict.len()).map_err(|_| too_long())?;
        out.extend_from_slice(&len.to_le_bytes());
    } else {
        let len = u32::try_from(dict.len()).map_err(|_| too_long())?;
        out.extend_from_slice(&len.to_le_bytes());
    }
    out.extend_from_slice(dict.as_bytes());
    Ok(out)
}

impl Tensor {
    /// The tensor of an `.npy` file's bytes. Requires the `npy` feature.
    ///
    /// Every header NumPy reads is read (versions 1 to 3, either byte order, Fortran order,
    /// a descriptor such as `'<f4'`, `'=f8'`, `'|u4'` or `'float32'`), and the values are
    /// the file's bits. Only the bytes of the file are allocated (twice, for Fortran order or
    /// big-endian data, which are reordered).
    ///
    /// ```
    /// let tensor = tensorspec::Tensor::from(ndarray::array![[1.5f64, 2.5]]);
    /// let bytes = tensor.to_npy().unwrap();
    /// assert_eq!(tensorspec::Tensor::from_npy(&bytes).unwrap(), tensor);
    /// assert!(tensorspec::Tensor::from_npy(&bytes[..20]).is_err());
    /// ```
    pub fn from_npy(bytes: &[u8]) -> Result<Tensor, ReadError> {
        let name = "array";
        let array = parse(bytes, name, "npy", true)?;
        Tensor::new(array.dtype, array.shape, array.data.into_owned()).map_err(|error| {
            ReadError::Tensor {
                name: name.to_owned(),
                error,
            }
        })
    }

    /// The tensor as the bytes of an `.npy` file, its data copied bit for bit. Requires the
    /// `npy` feature; `bf16` is refused (NumPy has no such dtype).
    pub fn to_npy(&self) -> Result<Vec<u8>, WriteError> {
        let mut out = header_bytes(self, "array")?;
        out.extend_from_slice(self.data());
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Result<Header, String> {
        parse_header(text.as_bytes(), 1)
    }

    #[test]
    fn numpys_headers_parse() {
        let parsed =
            header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }   \n").unwrap();
        assert_eq!(parsed.shape, [2, 3]);
        assert_eq!(parsed.descr, Descr::Simple("<f4".to_owned()));
        let parsed = header(r#"{"shape":(3,),"fortran_order":True,"descr":"float32"}"#).unwrap();
        assert!(parsed.fortran_order);
        assert_eq!(parsed.shape, [3]);
        assert_eq!(
            header("{'descr':'<f8','fortran_order':False,'shape':()}")
                .unwrap()
                .shape,
            [0usize; 0]
        );
        assert_eq!(
            header("{'descr':'<f8','fortran_order':False,'shape':(2L, 1_000, 0x10)}")
                .unwrap()
                .shape,
            [2, 1000, 16]
        );
        let structured = "{'descr': [('a', '<f4'), ('b', [('c', '<i4')])], 'fortran_order': False, 'shape': (2,)}";
        assert_eq!(header(structured).unwrap().descr, Descr::Structured);
    }

    #[test]
    fn written_headers_are_padded_to_64_and_long_ones_are_version_2() {
        for rank in [0, 1, 3, 64, 3000, 21_845, 30_000] {
            let tensor = Tensor::new(DType::U8, vec![1; rank], vec![7]).unwrap();
            let bytes = tensor.to_npy().unwrap();
            let preamble = preamble(&bytes).unwrap();
            let data_start = preamble.len + preamble.header_len;
            assert_eq!(data_start % 64, 0, "{rank}");
            assert_eq!(bytes.get(data_start..), Some(&[7][..]), "{rank}");
            assert_eq!(
                preamble.version,
                if rank < 21_845 { 1 } else { 2 },
                "{rank}"
            );
            assert_eq!(bytes.get(data_start - 1), Some(&b'\n'));
        }
    }

    #[test]
    fn fortran_order_is_reordered_in_every_rank() {
        // (i, j, k) of shape (2, 3, 4) is at i + 2j + 6k in Fortran order.
        let mut fortran = [0u16; 24];
        for (i, j, k) in
            (0..2).flat_map(|i| (0..3).flat_map(move |j| (0..4).map(move |k| (i, j, k))))
        {
            fortran[i + 2 * j + 6 * k] = (i * 100 + j * 10 + k) as u16;
        }
        let bytes: Vec<u8> = fortran.iter().flat_map(|v| v.to_be_bytes()).collect();
        let header = header("{'descr': '>u2', 'fortran_order': True, 'shape': (2, 3, 4)}").unwrap();
        let array = array(&header, DType::U16, true, Cow::Borrowed(&bytes), "a", "npy").unwrap();
        let standard: Vec<u16> = array
            .data
            .chunks_exact(2)
            .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        let expected: Vec<u16> = (0..2)
            .flat_map(|i| (0..3).flat_map(move |j| (0..4).map(move |k| i * 100 + j * 10 + k)))
            .collect();
        assert_eq!(standard, expected);
    }

    #[test]
    fn versions_are_numpys() {
        for (version, ok) in [
            ([1, 0], true),
            ([2, 0], true),
            ([3, 0], true),
            ([1, 1], false),
            ([4, 0], false),
            ([0, 0], false),
        ] {
            let mut bytes = MAGIC.to_vec();
            bytes.extend(version);
            bytes.extend([0; 4]);
            assert_eq!(preamble(&bytes).is_ok(), ok, "{version:?}");
        }
    }

    #[test]
    fn what_numpy_refuses_is_refused() {
        for text in [
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3)}",
            "{'descr': '<f4', 'fortran_order': 0, 'shape': (3,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': [3]}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (-3,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (03,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}",
            "{'descr': '<f4', 'fortran_order': False}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (18446744073709551616,)}",
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} x",
            "{'descr': '<f4', 'fortran_order': Falsey, 'shape': (3,)}",
        ] {
            assert!(header(text).is_err(), "{text}");
        }
        let deep = format!(
            "{{'descr': {}{}, 'fortran_order': False, 'shape': (1,)}}",
            "[".repeat(40),
            "]".repeat(40)
        );
        assert!(header(&deep).unwrap_err().contains("nests"));
        let deep_shape = format!(
            "{{'descr': '<f4', 'fortran_order': False, 'shape': {}}}",
            "(".repeat(40)
        );
        assert!(header(&deep_shape).is_err());
        let wide = format!(
            "{{'descr': '<f4', 'fortran_order': False, 'shape': ({})}}",
            "1, ".repeat(65)
        );
        assert!(header(&wide).unwrap_err().contains("64 axes"));
    }

    #[test]
    fn descriptors_are_numpys() {
        for (descr, expected) in [
            ("<f4", Some((DType::F32, false))),
            (">f4", Some((DType::F32, true))),
            ("=f8", Some((DType::F64, false))),
            ("|u4", Some((DType::U32, false))),
            ("<b1", Some((DType::Bool, false))),
            (">b1", Some((DType::Bool, false))),
            (">i1", Some((DType::I8, false))),
            ("float32", Some((DType::F32, false))),
            ("f4", Some((DType::F32, false))),
            ("?", Some((DType::Bool, false))),
            (">d", Some((DType::F64, true))),
            (">c16", Some((DType::Complex128, true))),
            ("double", Some((DType::F64, false))),
            (">float32", None),
            ("<f16", None),
            ("<U4", None),
            ("|O", None),
            ("", None),
        ] {
            assert_eq!(descriptor(descr), expected, "{descr}");
        }
    }
}
