//! Evidence pictures: what an upload is, read from its bytes alone (never a name or a
//! header), and what is stored instead of it — the picture decoded and encoded again, so
//! that its metadata (EXIF, GPS, comments) and anything appended to it are gone, with a
//! thumbnail for the thread.
//!
//! In order, each step refusing with the rules' [`ImageRefused`]:
//! 1. the type from the first bytes: JPEG, PNG or WebP, else `TypeUnsupported`;
//! 2. the container walked to its end ([`picture_end`]): a file that stops before it is
//!    truncated, one that goes on after it hides something else (a JPEG+ZIP polyglot, a PNG
//!    with bytes after `IEND`, a WebP whose RIFF size is not the file's): `Unreadable`;
//! 3. the dimensions from the header only, checked by `check_image_size` before a single
//!    pixel is allocated (a 20,000 × 20,000 bomb of a few hundred bytes is refused here);
//! 4. decoded (the EXIF orientation applied to the pixels, since the tag goes), encoded
//!    again: a JPEG as JPEG, a PNG as PNG, a WebP as PNG when it has transparency and as
//!    JPEG when it has none.
//!
//! CPU work: the caller runs [`process`] on a blocking thread.

use std::io::Cursor;

use complaint_api::ImageFormat;
use complaint_rules::{check_image_size, ImageRefused};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageReader};

/// The JPEG quality of stored pictures and thumbnails: a photo of a chat or a parcel stays
/// legible at a fraction of a phone camera's bytes.
const JPEG_QUALITY: u8 = 85;
const THUMB_JPEG_QUALITY: u8 = 80;
/// The thumbnail fits in this square (twice the 160 CSS pixels the thread draws it at).
const THUMB_SIZE: u32 = 320;

/// A picture as it will be stored.
#[derive(Debug)]
pub struct Processed {
    pub format: ImageFormat,
    pub width: u32,
    pub height: u32,
    pub data: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// The type of an upload, from its first bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageFormat> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageFormat::Jpeg)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageFormat::Png)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageFormat::Webp)
    } else {
        None
    }
}

/// Checks, decodes and re-encodes an upload (see the module's doc).
pub fn process(bytes: &[u8]) -> Result<Processed, ImageRefused> {
    let format = sniff(bytes).ok_or(ImageRefused::TypeUnsupported)?;
    match picture_end(format, bytes) {
        Some(end) if end == bytes.len() => {}
        _ => return Err(ImageRefused::Unreadable),
    }
    let reader = || {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), codec(format));
        reader.no_limits();
        reader
    };
    // The header only: no pixel is decoded (nor allocated) before the size is checked.
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|_| ImageRefused::Unreadable)?;
    check_image_size(bytes.len(), width, height)?;
    let mut reader = reader();
    reader.limits(image::Limits::default());
    let mut decoder = reader
        .into_decoder()
        .map_err(|_| ImageRefused::Unreadable)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut picture = DynamicImage::from_decoder(decoder).map_err(|_| ImageRefused::Unreadable)?;
    picture.apply_orientation(orientation);
    let stored = match format {
        ImageFormat::Jpeg => ImageFormat::Jpeg,
        ImageFormat::Png => ImageFormat::Png,
        ImageFormat::Webp if picture.color().has_alpha() => ImageFormat::Png,
        ImageFormat::Webp => ImageFormat::Jpeg,
    };
    let picture = eight_bits(picture, stored);
    let data = encode(&picture, stored, JPEG_QUALITY)?;
    let thumb = encode(
        &picture.thumbnail(THUMB_SIZE, THUMB_SIZE),
        stored,
        THUMB_JPEG_QUALITY,
    )?;
    Ok(Processed {
        format: stored,
        width: picture.width(),
        height: picture.height(),
        data,
        thumb,
    })
}

fn codec(format: ImageFormat) -> image::ImageFormat {
    match format {
        ImageFormat::Jpeg => image::ImageFormat::Jpeg,
        ImageFormat::Png => image::ImageFormat::Png,
        ImageFormat::Webp => image::ImageFormat::WebP,
    }
}

/// The picture in 8 bits per channel, in what `format` stores: a JPEG has no transparency
/// (grey stays grey), a PNG keeps it.
fn eight_bits(picture: DynamicImage, format: ImageFormat) -> DynamicImage {
    let color = picture.color();
    match (format, color.has_color(), color.has_alpha()) {
        (ImageFormat::Jpeg, false, _) => DynamicImage::ImageLuma8(picture.to_luma8()),
        (ImageFormat::Jpeg, true, _) => DynamicImage::ImageRgb8(picture.to_rgb8()),
        (_, false, false) => DynamicImage::ImageLuma8(picture.to_luma8()),
        (_, false, true) => DynamicImage::ImageLumaA8(picture.to_luma_alpha8()),
        (_, true, false) => DynamicImage::ImageRgb8(picture.to_rgb8()),
        (_, true, true) => DynamicImage::ImageRgba8(picture.to_rgba8()),
    }
}

fn encode(
    picture: &DynamicImage,
    format: ImageFormat,
    quality: u8,
) -> Result<Vec<u8>, ImageRefused> {
    let mut out = Vec::new();
    let written = match format {
        ImageFormat::Jpeg => {
            picture.write_with_encoder(JpegEncoder::new_with_quality(&mut out, quality))
        }
        ImageFormat::Png | ImageFormat::Webp => {
            picture.write_with_encoder(PngEncoder::new(&mut out))
        }
    };
    // An encoder refusing a picture its decoder made: treat it as one that cannot be read.
    written.map_err(|_| ImageRefused::Unreadable)?;
    Ok(out)
}

/// Where the picture's container ends, walked by its structure; `None` when it ends before
/// its end marker or is malformed. A file longer than this carries something else after the
/// picture.
pub fn picture_end(format: ImageFormat, bytes: &[u8]) -> Option<usize> {
    match format {
        ImageFormat::Jpeg => jpeg_end(bytes),
        ImageFormat::Png => png_end(bytes),
        ImageFormat::Webp => webp_end(bytes),
    }
}

/// A JPEG: markers and their segments from SOI, the entropy-coded data after each SOS up to
/// the next marker, until EOI.
fn jpeg_end(bytes: &[u8]) -> Option<usize> {
    let at = |i: usize| bytes.get(i).copied();
    let mut pos = 2;
    loop {
        if at(pos)? != 0xFF {
            return None;
        }
        // Fill bytes: any number of 0xFF before a marker.
        while at(pos)? == 0xFF {
            pos += 1;
        }
        let marker = at(pos)?;
        pos += 1;
        match marker {
            0xD9 => return Some(pos),
            // Standalone markers: no length.
            0x01 | 0xD0..=0xD7 => continue,
            0x00 | 0xD8 => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([at(pos)?, at(pos + 1)?]));
        if length < 2 || pos + length > bytes.len() {
            return None;
        }
        pos += length;
        if marker == 0xDA {
            // Entropy-coded data: 0xFF is followed by 0x00 (a stuffed byte) or a restart
            // marker inside it; anything else is a marker (after fill bytes, perhaps) that
            // ends it, read by the loop above.
            loop {
                if at(pos)? != 0xFF {
                    pos += 1;
                    continue;
                }
                match at(pos + 1)? {
                    0x00 | 0xD0..=0xD7 => pos += 2,
                    _ => break,
                }
            }
        }
    }
}

/// A PNG: the signature, then chunks (length, type, data, CRC) until `IEND`.
fn png_end(bytes: &[u8]) -> Option<usize> {
    let mut pos = 8;
    loop {
        let header = bytes.get(pos..pos + 8)?;
        let length = usize::try_from(u32::from_be_bytes(header[..4].try_into().ok()?)).ok()?;
        let end = pos.checked_add(12)?.checked_add(length)?;
        if end > bytes.len() {
            return None;
        }
        if &header[4..8] == b"IEND" {
            return Some(end);
        }
        pos = end;
    }
}

/// A WebP: a RIFF file, whose header says how long it is.
fn webp_end(bytes: &[u8]) -> Option<usize> {
    let size = u32::from_le_bytes(bytes.get(4..8)?.try_into().ok()?);
    let end = usize::try_from(size).ok()?.checked_add(8)?;
    (end <= bytes.len()).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32) -> Vec<u8> {
        let picture = DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
            width,
            height,
            image::Rgb([200, 40, 40]),
        ));
        encode(&picture, ImageFormat::Png, 0).unwrap()
    }

    #[test]
    fn the_type_is_read_from_the_content() {
        assert_eq!(sniff(&png(2, 2)), Some(ImageFormat::Png));
        assert_eq!(sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), None);
        assert_eq!(sniff(b"GIF89a"), None);
        assert_eq!(sniff(b""), None);
        assert_eq!(sniff(b"RIFF\x04\0\0\0WEBP"), Some(ImageFormat::Webp));
    }

    #[test]
    fn a_png_ends_at_iend() {
        let mut bytes = png(3, 2);
        assert_eq!(picture_end(ImageFormat::Png, &bytes), Some(bytes.len()));
        let len = bytes.len();
        bytes.extend_from_slice(b"PK\x03\x04");
        assert_eq!(picture_end(ImageFormat::Png, &bytes), Some(len));
        assert_eq!(process(&bytes).unwrap_err(), ImageRefused::Unreadable);
        assert_eq!(picture_end(ImageFormat::Png, &bytes[..len - 5]), None);
    }

    #[test]
    fn a_jpeg_ends_at_eoi_and_a_png_is_stored_as_a_png() {
        let processed = process(&png(40, 30)).unwrap();
        assert_eq!(processed.format, ImageFormat::Png);
        assert_eq!((processed.width, processed.height), (40, 30));
        let jpeg = {
            let picture = image::load_from_memory(&processed.data).unwrap();
            encode(&picture, ImageFormat::Jpeg, 90).unwrap()
        };
        assert_eq!(picture_end(ImageFormat::Jpeg, &jpeg), Some(jpeg.len()));
        let stored = process(&jpeg).unwrap();
        assert_eq!(stored.format, ImageFormat::Jpeg);
        let mut polyglot = jpeg.clone();
        polyglot.extend_from_slice(b"PK\x05\x06");
        assert_eq!(process(&polyglot).unwrap_err(), ImageRefused::Unreadable);
        assert_eq!(
            process(&jpeg[..jpeg.len() - 2]).unwrap_err(),
            ImageRefused::Unreadable
        );
    }
}
