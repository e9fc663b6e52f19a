//! OLE2 compound files ([MS-CFB]): which streams a legacy Office file holds, and a pre-scan of
//! an Excel workbook stream so that a hostile `.xls` cannot make the reader allocate without
//! bound.

use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The compound-file signature ([MS-CFB] 2.2).
pub(crate) const MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// The root streams that tell legacy Office formats apart.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Streams {
    /// `Workbook` (BIFF8) or `Book` (BIFF5): Excel.
    pub(crate) workbook: bool,
    /// `WordDocument`: Word 97-2003.
    pub(crate) word: bool,
    /// `EncryptedPackage`: a password-protected OOXML file ([MS-OFFCRYPTO] 2.3.4.4).
    pub(crate) encrypted_package: bool,
}

impl Streams {
    /// The root streams of a compound file; `None` when it cannot be opened.
    pub(crate) fn of(bytes: &[u8]) -> Option<Streams> {
        catch_unwind(AssertUnwindSafe(|| {
            let file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
            let mut streams = Streams::default();
            for entry in file.read_root_storage() {
                if !entry.is_stream() {
                    continue;
                }
                // [MS-CFB] 2.6.4: names compare case-insensitively.
                let name = entry.name().to_ascii_lowercase();
                match name.as_str() {
                    "workbook" | "book" => streams.workbook = true,
                    "worddocument" => streams.word = true,
                    "encryptedpackage" => streams.encrypted_package = true,
                    _ => {}
                }
            }
            Some(streams)
        }))
        .ok()
        .flatten()
    }
}

/// The Excel workbook stream (`Workbook`, else `Book`), at most `max` bytes.
pub(crate) fn workbook_stream(bytes: &[u8], max: usize) -> Result<Vec<u8>, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let name = file
        .read_root_storage()
        .find(|e| {
            e.is_stream() && matches!(e.name().to_ascii_lowercase().as_str(), "workbook" | "book")
        })
        .map(|e| e.name().to_string())
        .ok_or("no Workbook stream")?;
    let stream = file
        .open_stream(format!("/{name}"))
        .map_err(|e| e.to_string())?;
    let mut data = Vec::new();
    stream
        .take(max as u64)
        .read_to_end(&mut data)
        .map_err(|e| e.to_string())?;
    Ok(data)
}

/// BIFF record types that place a cell ([MS-XLS] 2.3): the reader (calamine) turns every
/// worksheet into a dense grid spanning all of them, and reserves the grid a `DIMENSIONS`
/// record declares.
const DIMENSIONS: u16 = 0x0200;
/// FILEPASS ([MS-XLS] 2.4.117): the records after it are encrypted or obfuscated.
const FILEPASS: u16 = 0x002F;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CELL_RECORDS: &[u16] = &[
    0x0006, // FORMULA
    0x00BD, // MULRK (row, first column, …, last column)
    0x00BE, // MULBLANK
    0x00D6, // RSTRING
    0x00FD, // LABELSST
    0x0201, // BLANK
    0x0203, // NUMBER
    0x0204, // LABEL
    0x0205, // BOOLERR
    0x027E, // RK
];

/// Why a BIFF workbook stream is not handed to the reader.
#[derive(Debug, PartialEq)]
pub(crate) enum BiffProblem {
    /// It has a FILEPASS record: cell positions after it are ciphertext.
    Encrypted,
    /// A sheet would expand to more cells than allowed.
    TooLarge(String),
}

/// Checks that no sheet of a BIFF workbook stream would expand to more than `max_area`
/// cells, the way calamine 0.38 sizes its grids (`Range::from_sparse` over every cell, and
/// `reserve` of the `DIMENSIONS` area, wrapping as its u32 arithmetic does in release builds).
/// A 1 KB file declaring 65 536 × 65 536 cells would otherwise abort the process on allocation.
/// An encrypted workbook is reported as such (calamine reads XOR-obfuscated ones as garbage).
pub(crate) fn check_biff_area(stream: &[u8], max_area: u64) -> Result<(), BiffProblem> {
    let mut pos = 0;
    // Bounding box of the cells of the current top-level substream.
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    let mut depth = 0usize;
    let too_big = |area: u64| {
        BiffProblem::TooLarge(format!(
            "a sheet spans {area} cells when expanded, over the limit of {max_area}"
        ))
    };
    while pos + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[pos], stream[pos + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[pos + 2], stream[pos + 3]]));
        let data = &stream[pos + 4..(pos + 4 + len).min(stream.len())];
        pos += 4 + len;
        match typ {
            FILEPASS => return Err(BiffProblem::Encrypted),
            BOF => {
                depth += 1;
                if depth == 1 {
                    bounds = None;
                }
            }
            EOF => {
                if depth == 1
                    && let Some((r0, r1, c0, c1)) = bounds
                {
                    let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
                    if area > max_area {
                        return Err(too_big(area));
                    }
                }
                depth = depth.saturating_sub(1);
            }
            DIMENSIONS => {
                let area = dimensions_area(data);
                if area > max_area {
                    return Err(too_big(area));
                }
            }
            t if CELL_RECORDS.contains(&t) && data.len() >= 4 => {
                let row = u32::from(u16::from_le_bytes([data[0], data[1]]));
                let first = u32::from(u16::from_le_bytes([data[2], data[3]]));
                let last = if matches!(t, 0x00BD | 0x00BE) && data.len() >= 6 {
                    u32::from(u16::from_le_bytes([
                        data[data.len() - 2],
                        data[data.len() - 1],
                    ]))
                    .max(first)
                } else {
                    first
                };
                bounds = Some(match bounds {
                    None => (row, row, first, last),
                    Some((r0, r1, c0, c1)) => {
                        (r0.min(row), r1.max(row), c0.min(first), c1.max(last))
                    }
                });
            }
            _ => {}
        }
    }
    // A stream cut off before its EOF still gets its grid built.
    if let Some((r0, r1, c0, c1)) = bounds {
        let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        if area > max_area {
            return Err(too_big(area));
        }
    }
    Ok(())
}

/// The cell count a `DIMENSIONS` record makes calamine 0.38 reserve (`parse_dimensions`, then
/// `(end - start + 1)` per axis), with its u32 wrap-around.
fn dimensions_area(r: &[u8]) -> u64 {
    let u16_at = |i: usize| u32::from(u16::from_le_bytes([r[i], r[i + 1]]));
    let u32_at = |i: usize| u32::from_le_bytes([r[i], r[i + 1], r[i + 2], r[i + 3]]);
    let (rf, rl, mut cf, cl) = match r.len() {
        10 => (u16_at(0), u16_at(2), u16_at(4), u16_at(6)),
        14 | 16 => (u32_at(0), u32_at(4), u16_at(8), u16_at(10)),
        _ => return 0,
    };
    if cf > 0xFF || cl < cf {
        cf = 0;
    }
    if rl < 1 || cl < 1 {
        return 1;
    }
    let rows = (rl - 1).wrapping_sub(rf).wrapping_add(1);
    let cols = (cl - 1).wrapping_sub(cf).wrapping_add(1);
    u64::from(rows) * u64::from(cols)
}
