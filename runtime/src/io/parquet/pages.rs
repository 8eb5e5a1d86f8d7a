//! The page headers of a Parquet file, read before any page is: the parquet crate allocates
//! a page's declared uncompressed size before it decompresses it, and decodes as many values
//! as the page declares, so each declared size is checked against the read's budget first.
//!
//! Page headers are Thrift structs in the compact protocol. The parquet crate does not
//! expose its reader of them, so this is a small one: it takes the three numbers a page's
//! cost depends on and skips the rest, each length checked against the bytes there are.

/// What a page header declares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct PageHeader {
    /// The header's own length in bytes.
    pub(super) header_len: usize,
    /// The page's size once decompressed.
    pub(super) uncompressed: usize,
    /// The page's size as stored, after the header.
    pub(super) compressed: usize,
    /// The values (with nulls) of a data page, or the entries of a dictionary page.
    pub(super) values: usize,
    /// Whether this is a dictionary page.
    pub(super) is_dictionary: bool,
    /// Whether this is a data page whose values are indices into the dictionary.
    pub(super) uses_dictionary: bool,
}

/// Page types, Parquet's `PageType`.
const DICTIONARY_PAGE: i64 = 2;
/// The encodings of a data page's values that index a dictionary (`PLAIN_DICTIONARY`,
/// `RLE_DICTIONARY`).
const DICTIONARY_ENCODINGS: [i64; 2] = [2, 8];

/// Why a header could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum HeaderError {
    /// The bytes end before the header does: read more of the file.
    Truncated,
    /// Not a page header.
    Malformed(&'static str),
}

/// Nesting deeper than this is not a page header (the real ones nest 3 deep).
const MAX_DEPTH: usize = 16;

// The compact protocol's type codes.
const STOP: u8 = 0;
const TRUE: u8 = 1;
const FALSE: u8 = 2;
const BYTE: u8 = 3;
const I16: u8 = 4;
const I32: u8 = 5;
const I64: u8 = 6;
const DOUBLE: u8 = 7;
const BINARY: u8 = 8;
const LIST: u8 = 9;
const SET: u8 = 10;
const MAP: u8 = 11;
const STRUCT: u8 = 12;

struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Input<'_> {
    fn byte(&mut self) -> Result<u8, HeaderError> {
        let byte = *self.bytes.get(self.at).ok_or(HeaderError::Truncated)?;
        self.at += 1;
        Ok(byte)
    }

    fn skip(&mut self, n: usize) -> Result<(), HeaderError> {
        let end = self.at.checked_add(n).ok_or(HeaderError::Truncated)?;
        if end > self.bytes.len() {
            return Err(HeaderError::Truncated);
        }
        self.at = end;
        Ok(())
    }

    /// An unsigned varint of at most 64 bits.
    fn varint(&mut self) -> Result<u64, HeaderError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(HeaderError::Malformed("a varint longer than 64 bits"))
    }

    /// A zigzag-encoded integer.
    fn int(&mut self) -> Result<i64, HeaderError> {
        let zigzag = self.varint()?;
        Ok(((zigzag >> 1) as i64) ^ -((zigzag & 1) as i64))
    }

    /// A count that each of its items takes at least a byte of: at most the bytes left.
    fn count(&mut self, count: u64) -> Result<usize, HeaderError> {
        let count = usize::try_from(count).map_err(|_| HeaderError::Truncated)?;
        if count > self.bytes.len() - self.at {
            return Err(HeaderError::Truncated);
        }
        Ok(count)
    }

    /// Skips a value of type `kind`.
    fn skip_value(&mut self, kind: u8, depth: usize) -> Result<(), HeaderError> {
        if depth > MAX_DEPTH {
            return Err(HeaderError::Malformed("nested too deep"));
        }
        match kind {
            TRUE | FALSE | BYTE => self.skip(usize::from(kind == BYTE)),
            I16 | I32 | I64 => self.varint().map(drop),
            DOUBLE => self.skip(8),
            BINARY => {
                let len = self.varint()?;
                let len = usize::try_from(len).map_err(|_| HeaderError::Truncated)?;
                self.skip(len)
            }
            LIST | SET => {
                let head = self.byte()?;
                let size = match head >> 4 {
                    15 => self.varint()?,
                    size => u64::from(size),
                };
                let element = head & 0x0f;
                for _ in 0..self.count(size)? {
                    // A list's booleans are a byte each.
                    match element {
                        TRUE | FALSE => self.skip(1)?,
                        _ => self.skip_value(element, depth + 1)?,
                    }
                }
                Ok(())
            }
            MAP => {
                let size = self.varint()?;
                if size == 0 {
                    return Ok(());
                }
                let kinds = self.byte()?;
                for _ in 0..self.count(size)? {
                    for kind in [kinds >> 4, kinds & 0x0f] {
                        match kind {
                            TRUE | FALSE => self.skip(1)?,
                            _ => self.skip_value(kind, depth + 1)?,
                        }
                    }
                }
                Ok(())
            }
            STRUCT => self.skip_struct(&[], depth),
            _ => Err(HeaderError::Malformed("an unknown field type")),
        }
    }

    /// Reads a struct's fields to its end, each by `field(input, id, type)`. Field ids are
    /// Thrift's `i16`, as the parquet crate reads them. A field of `known` (its id and type)
    /// must have that type and come once: the parquet crate reads a known field by its id
    /// alone, whatever its type, and the last one given wins, so a header that says
    /// otherwise would be read one way here and another there.
    fn fields(
        &mut self,
        known: &[(i16, u8)],
        mut field: impl FnMut(&mut Self, i16, u8) -> Result<(), HeaderError>,
    ) -> Result<(), HeaderError> {
        let mut id = 0i16;
        let mut seen = 0u64;
        loop {
            let head = self.byte()?;
            let kind = head & 0x0f;
            if kind == STOP {
                return Ok(());
            }
            id = match head >> 4 {
                0 => i16::try_from(self.int()?).ok(),
                delta => id.checked_add(i16::from(delta)),
            }
            .ok_or(HeaderError::Malformed("a field id out of range"))?;
            if let Some(&(_, expected)) = known.iter().find(|(known, _)| *known == id) {
                let boolean = |kind| kind == TRUE || kind == FALSE;
                if kind != expected && !(boolean(kind) && boolean(expected)) {
                    return Err(HeaderError::Malformed(
                        "a field of another type than Parquet's",
                    ));
                }
                let bit = 1u64 << (id & 63);
                if seen & bit != 0 {
                    return Err(HeaderError::Malformed("a field given twice"));
                }
                seen |= bit;
            }
            field(self, id, kind)?;
        }
    }

    /// Skips a struct whose fields are `known` (a page header's statistics), checking them.
    fn skip_struct(&mut self, known: &[(i16, u8)], depth: usize) -> Result<(), HeaderError> {
        self.fields(known, |input, _, kind| input.skip_value(kind, depth + 1))
    }
}

// The fields of Parquet's page header structs that the parquet crate reads, with their types.
const PAGE_HEADER: [(i16, u8); 8] = [
    (1, I32),
    (2, I32),
    (3, I32),
    (4, I32),
    (5, STRUCT),
    (6, STRUCT),
    (7, STRUCT),
    (8, STRUCT),
];
const DATA_PAGE_HEADER: [(i16, u8); 5] = [(1, I32), (2, I32), (3, I32), (4, I32), (5, STRUCT)];
const DICTIONARY_PAGE_HEADER: [(i16, u8); 3] = [(1, I32), (2, I32), (3, TRUE)];
const DATA_PAGE_HEADER_V2: [(i16, u8); 8] = [
    (1, I32),
    (2, I32),
    (3, I32),
    (4, I32),
    (5, I32),
    (6, I32),
    (7, TRUE),
    (8, STRUCT),
];
const STATISTICS: [(i16, u8); 8] = [
    (1, BINARY),
    (2, BINARY),
    (3, I64),
    (4, I64),
    (5, BINARY),
    (6, BINARY),
    (7, TRUE),
    (8, TRUE),
];

/// A declared size or count: a non-negative `i32`.
fn size(value: i64, what: &'static str) -> Result<usize, HeaderError> {
    i32::try_from(value)
        .ok()
        .and_then(|value| usize::try_from(value).ok())
        .ok_or(HeaderError::Malformed(what))
}

/// The page header at the start of `bytes`.
pub(super) fn page_header(bytes: &[u8]) -> Result<PageHeader, HeaderError> {
    let mut input = Input { bytes, at: 0 };
    let (mut uncompressed, mut compressed, mut values) = (None, None, 0);
    let (mut page_type, mut encoding) = (None, None);
    input.fields(&PAGE_HEADER, |input, id, kind| match id {
        1 => {
            page_type = Some(input.int()?);
            Ok(())
        }
        2 => {
            uncompressed = Some(size(input.int()?, "a negative uncompressed page size")?);
            Ok(())
        }
        3 => {
            compressed = Some(size(input.int()?, "a negative compressed page size")?);
            Ok(())
        }
        // The data page (v1 and v2) and dictionary page headers: their first field is the
        // number of values; a data page's encoding is field 2 (v1) or 4 (v2); statistics
        // are field 5 (v1) or 8 (v2).
        5 | 7 | 8 => {
            type Fields = (&'static [(i16, u8)], Option<i16>, Option<i16>);
            let (known, encoding_field, statistics_field): Fields = match id {
                5 => (&DATA_PAGE_HEADER, Some(2), Some(5)),
                7 => (&DICTIONARY_PAGE_HEADER, None, None),
                _ => (&DATA_PAGE_HEADER_V2, Some(4), Some(8)),
            };
            input.fields(known, |input, field, kind| {
                if field == 1 {
                    values = size(input.int()?, "a negative number of values")?;
                } else if Some(field) == encoding_field {
                    encoding = Some(input.int()?);
                } else if Some(field) == statistics_field {
                    input.skip_struct(&STATISTICS, 2)?;
                } else {
                    input.skip_value(kind, 2)?;
                }
                Ok(())
            })
        }
        _ => input.skip_value(kind, 1),
    })?;
    Ok(PageHeader {
        header_len: input.at,
        uncompressed: uncompressed.ok_or(HeaderError::Malformed("no uncompressed page size"))?,
        compressed: compressed.ok_or(HeaderError::Malformed("no compressed page size"))?,
        values,
        is_dictionary: page_type == Some(DICTIONARY_PAGE),
        uses_dictionary: encoding.is_some_and(|encoding| DICTIONARY_ENCODINGS.contains(&encoding)),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::{HeaderError, PageHeader, page_header};

    /// A zigzag varint.
    fn int(value: i64) -> Vec<u8> {
        let mut zigzag = ((value << 1) ^ (value >> 63)) as u64;
        let mut out = Vec::new();
        loop {
            let byte = (zigzag & 0x7f) as u8;
            zigzag >>= 7;
            if zigzag == 0 {
                out.push(byte);
                return out;
            }
            out.push(byte | 0x80);
        }
    }

    /// A data page header as parquet writers write it: type, sizes, a CRC, then the data
    /// page header with its statistics (a struct holding two binaries).
    fn data_page(uncompressed: i64, compressed: i64, values: i64) -> Vec<u8> {
        encoded_page(uncompressed, compressed, values, 0)
    }

    /// The same, its values in `encoding` (0 plain, 8 indices into the dictionary).
    fn encoded_page(uncompressed: i64, compressed: i64, values: i64, encoding: i64) -> Vec<u8> {
        let mut out = vec![0x15];
        out.extend(int(0)); // 1: type DATA_PAGE
        out.push(0x15);
        out.extend(int(uncompressed)); // 2
        out.push(0x15);
        out.extend(int(compressed)); // 3
        out.push(0x15);
        out.extend(int(12345)); // 4: crc
        out.push(0x1c); // 5: struct
        out.push(0x15);
        out.extend(int(values)); // 1: num_values
        out.push(0x15);
        out.extend(int(encoding)); // 2: encoding
        out.push(0x15);
        out.extend(int(3)); // 3
        out.push(0x15);
        out.extend(int(3)); // 4
        out.push(0x1c); // 5: statistics
        out.extend([0x18, 2, 0xaa, 0xbb]); // 1: binary max
        out.extend([0x18, 1, 0xcc]); // 2: binary min
        out.push(0x16);
        out.extend(int(7)); // 3: i64 null count
        out.push(0x41); // 7: bool true (is_max_value_exact)
        out.push(0); // end of statistics
        out.push(0); // end of the data page header
        out.push(0); // end of the page header
        out
    }

    #[test]
    fn the_sizes_and_values_of_a_data_page_are_read_and_the_rest_skipped() {
        let bytes = data_page(70_000, 1_234, 1_024);
        let mut with_data = bytes.clone();
        with_data.extend([9; 16]);
        assert_eq!(
            page_header(&with_data),
            Ok(PageHeader {
                header_len: bytes.len(),
                uncompressed: 70_000,
                compressed: 1_234,
                values: 1_024,
                is_dictionary: false,
                uses_dictionary: false,
            })
        );
    }

    #[test]
    fn a_data_page_of_dictionary_indices_says_so() {
        let page = page_header(&encoded_page(100, 50, 10, 8)).unwrap();
        assert!(page.uses_dictionary && !page.is_dictionary);
        let page = page_header(&encoded_page(100, 50, 10, 0)).unwrap();
        assert!(!page.uses_dictionary && !page.is_dictionary);
        // A dictionary page: type 2, its header field 7.
        let mut dictionary = vec![0x15];
        dictionary.extend(int(2));
        dictionary.extend([0x15, 8, 0x15, 8, 0x4c, 0x15, 4, 0, 0]);
        let page = page_header(&dictionary).unwrap();
        assert!(page.is_dictionary && !page.uses_dictionary);
        assert_eq!((page.uncompressed, page.compressed, page.values), (4, 4, 2));
    }

    /// What the parquet crate would read differently is refused: a known field twice (its
    /// last one wins there), of another type (read by its id alone there), an id past
    /// Thrift's `i16` (cut to 16 bits there).
    #[test]
    fn a_header_the_parquet_crate_would_read_otherwise_is_malformed() {
        let page = data_page(70_000, 1_234, 1_024);
        let end = page.len() - 1;
        // Field 2 again after the data page header (id 5, so a long-form id), as an i32.
        let mut twice = page[..end].to_vec();
        twice.extend([0x05]);
        twice.extend(int(2));
        twice.extend(int(i64::from(i32::MAX)));
        twice.push(0);
        assert!(matches!(
            page_header(&twice),
            Err(HeaderError::Malformed(_))
        ));
        // The same field 2 first given as an i64.
        let mut typed = vec![0x15];
        typed.extend(int(0));
        typed.push(0x16);
        typed.extend(int(i64::from(i32::MAX)));
        typed.extend(&page[3 + int(70_000).len()..]);
        assert!(matches!(
            page_header(&typed),
            Err(HeaderError::Malformed(_))
        ));
        // A long-form id of 65,538 (2 once cut to 16 bits), and one of i64::MAX followed by
        // a delta (an overflow).
        let mut long = page[..end].to_vec();
        long.push(0x05);
        long.extend(int(65_538));
        long.extend(int(5));
        long.push(0);
        assert!(matches!(page_header(&long), Err(HeaderError::Malformed(_))));
        let overflow = [
            0x05, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01, 0x00, 0xf5, 0x00,
            0x00,
        ];
        assert!(matches!(
            page_header(&overflow),
            Err(HeaderError::Malformed(_))
        ));
        // A statistics field of another type than Parquet's (a binary as an i64).
        let mut statistics = page.clone();
        let at = statistics.iter().position(|&byte| byte == 0x18).unwrap();
        statistics[at] = 0x16;
        assert!(page_header(&statistics).is_err());
    }

    #[test]
    fn every_prefix_of_a_header_is_truncated_not_misread() {
        let bytes = data_page(70_000, 1_234, 1_024);
        for end in 0..bytes.len() {
            assert_eq!(
                page_header(&bytes[..end]),
                Err(HeaderError::Truncated),
                "{end}"
            );
        }
    }

    #[test]
    fn negative_sizes_and_unknown_types_are_malformed() {
        assert!(matches!(
            page_header(&data_page(-1, 5, 5)),
            Err(HeaderError::Malformed(_))
        ));
        assert!(matches!(
            page_header(&data_page(5, 5, -3)),
            Err(HeaderError::Malformed(_))
        ));
        assert!(matches!(
            page_header(&data_page(1 << 40, 5, 5)),
            Err(HeaderError::Malformed(_))
        ));
        assert!(matches!(
            page_header(&[0x1d, 0]),
            Err(HeaderError::Malformed(_))
        ));
    }

    #[test]
    fn a_list_that_claims_more_items_than_bytes_is_truncated_at_once() {
        // Field 9 (a list of 2^60 i32s) in a struct of a few bytes.
        let mut bytes = vec![0x99, 0xf5];
        bytes.extend([0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10]);
        assert_eq!(page_header(&bytes), Err(HeaderError::Truncated));
        // Structs nested past any page header's depth.
        let deep = vec![0x1c; 64];
        assert!(matches!(page_header(&deep), Err(HeaderError::Malformed(_))));
    }

    proptest::proptest! {
        /// Any bytes: a header within them, or an error; never a panic or a loop longer
        /// than the bytes.
        #[test]
        fn any_bytes_are_a_header_within_them_or_an_error(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256),
        ) {
            if let Ok(header) = page_header(&bytes) {
                proptest::prop_assert!(header.header_len <= bytes.len());
                proptest::prop_assert!(header.uncompressed <= i32::MAX as usize);
            }
        }

        /// A real header with a byte changed: the same, within the bytes.
        #[test]
        fn a_header_with_a_byte_changed_is_read_within_its_bytes(
            at in 0usize..40,
            byte in proptest::prelude::any::<u8>(),
        ) {
            let mut bytes = data_page(70_000, 1_234, 1_024);
            let at = at % bytes.len();
            bytes[at] = byte;
            if let Ok(header) = page_header(&bytes) {
                proptest::prop_assert!(header.header_len <= bytes.len());
            }
        }
    }
}
