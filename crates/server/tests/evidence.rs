//! Evidence pictures over real HTTP: what is accepted and how it is stored and served (type
//! from the content, re-encoded without its metadata, only to the owner and agents), and every
//! bad upload refused with its code, nothing stored.

mod common;

use common::{scalar_i64, Client, TestServer, MINUTE_MS};
use complaint_api::{ImageFormat, ImageView, MessageView};
use complaint_rules::ComplaintStatus;
use image::codecs::jpeg::JpegEncoder;
use image::{DynamicImage, ImageEncoder, RgbImage, RgbaImage};
use reqwest::StatusCode;
use serde_json::json;

fn photo(width: u32, height: u32) -> DynamicImage {
    DynamicImage::ImageRgb8(RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 7) as u8, (y * 5) as u8, 128])
    }))
}

fn encoded(picture: &DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    picture.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A PNG chunk: length, type, data, CRC.
fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut out = (data.len() as u32).to_be_bytes().to_vec();
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc_input = kind.to_vec();
    crc_input.extend_from_slice(data);
    out.extend_from_slice(&crc32(&crc_input).to_be_bytes());
    out
}

/// A PNG of a few dozen bytes whose header says 20,000 × 20,000 (a decompression bomb).
fn bomb() -> Vec<u8> {
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &ihdr));
    // A zlib stream of nothing much: decoding would inflate it to 1.2 GB of rows.
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}

/// A JPEG of 40 × 20 with an EXIF block (orientation: rotate 90°; a GPS position) and a
/// comment naming the place, right after its SOI.
fn jpeg_with_gps() -> Vec<u8> {
    let mut plain = Vec::new();
    JpegEncoder::new_with_quality(&mut plain, 90)
        .write_image(
            photo(40, 20).as_bytes(),
            40,
            20,
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let mut tiff = b"II*\0".to_vec();
    tiff.extend_from_slice(&8u32.to_le_bytes());
    // IFD0: orientation 6, and where the GPS IFD is.
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0]);
    tiff.extend_from_slice(&[0x25, 0x88, 4, 0, 1, 0, 0, 0, 38, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    // GPS IFD at 38: latitude reference and latitude (three rationals at 68).
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&[0x01, 0x00, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0x02, 0x00, 5, 0, 3, 0, 0, 0, 68, 0, 0, 0]);
    tiff.extend_from_slice(&0u32.to_le_bytes());
    for value in [39u32, 54, 27] {
        tiff.extend_from_slice(&value.to_le_bytes());
        tiff.extend_from_slice(&1u32.to_le_bytes());
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let comment = b"GPS 39.9075N 116.3972E home";
    let mut jpeg = plain[..2].to_vec();
    jpeg.extend_from_slice(&[0xFF, 0xE1]);
    jpeg.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    jpeg.extend(app1);
    jpeg.extend_from_slice(&[0xFF, 0xFE]);
    jpeg.extend_from_slice(&((comment.len() + 2) as u16).to_be_bytes());
    jpeg.extend_from_slice(comment);
    jpeg.extend_from_slice(&plain[2..]);
    jpeg
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

async fn images_stored(server: &TestServer) -> i64 {
    scalar_i64(&server.database_url, "SELECT COUNT(*) FROM images").await
}

/// GET `path` as `client`: status, headers and bytes.
async fn fetch(client: &Client, path: &str) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let response = client
        .http
        .get(format!("{}{path}", client.base))
        .send()
        .await
        .unwrap();
    let (status, headers) = (response.status(), response.headers().clone());
    (status, headers, response.bytes().await.unwrap().to_vec())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_picture_is_re_encoded_without_its_metadata_and_served_only_to_the_owner_and_agents() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let stranger = server.sign_in("demo-unverified").await;
    let agent = server.sign_in("demo-agent").await;
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;

    let original = jpeg_with_gps();
    assert!(contains(&original, b"Exif") && contains(&original, b"GPS"));
    let answer = shopper.upload(original).await;
    assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.text);
    let view: ImageView = answer.json();
    assert_eq!(view.format, ImageFormat::Jpeg);
    // The orientation was applied to the pixels, since the tag is gone.
    assert_eq!((view.width, view.height), (20, 40));
    let path = format!("/api/images/{}", view.id);

    // Before it is sent: the uploader only (and agents).
    assert_eq!(fetch(&shopper, &path).await.0, StatusCode::OK);
    assert_eq!(fetch(&stranger, &path).await.0, StatusCode::NOT_FOUND);
    let sent = shopper
        .send_message(complaint.id, json!({"images": [view.id]}))
        .await
        .message();
    assert_eq!(sent.images, vec![view.clone()]);
    assert_eq!(sent.text, "");

    for (client, expected) in [
        (&shopper, StatusCode::OK),
        (&agent, StatusCode::OK),
        (&stranger, StatusCode::NOT_FOUND),
    ] {
        for path in [path.clone(), format!("{path}/thumb")] {
            let (status, headers, bytes) = fetch(client, &path).await;
            assert_eq!(status, expected, "{path}");
            if expected != StatusCode::OK {
                assert_eq!(headers["content-type"], "application/json");
                continue;
            }
            assert_eq!(headers["content-type"], "image/jpeg");
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert!(headers["cache-control"]
                .to_str()
                .unwrap()
                .starts_with("private"));
            let disposition = headers["content-disposition"].to_str().unwrap();
            assert!(
                disposition.starts_with("inline; filename=\"evidence-"),
                "{disposition}"
            );
            assert_eq!(
                image::guess_format(&bytes).unwrap(),
                image::ImageFormat::Jpeg
            );
            for marker in [&b"Exif"[..], b"GPS", b"116.3972", b"\xFF\xE1"] {
                assert!(!contains(&bytes, marker), "{path} still has {marker:?}");
            }
            let served = image::load_from_memory(&bytes).unwrap();
            if !path.ends_with("thumb") {
                assert_eq!((served.width(), served.height()), (20, 40));
                assert_eq!(bytes.len() as u32, view.bytes);
            }
        }
    }
    // An unknown one is not found, like someone else's.
    assert_eq!(
        fetch(&agent, "/api/images/987654").await.0,
        StatusCode::NOT_FOUND
    );

    // PNG stays PNG; WebP becomes PNG with transparency, JPEG without.
    let png = encoded(&photo(30, 30), image::ImageFormat::Png);
    assert_eq!(
        shopper.upload(png).await.json::<ImageView>().format,
        ImageFormat::Png
    );
    let clear = DynamicImage::ImageRgba8(RgbaImage::from_pixel(8, 8, image::Rgba([1, 2, 3, 0])));
    let webp = encoded(&clear, image::ImageFormat::WebP);
    assert_eq!(
        shopper.upload(webp).await.json::<ImageView>().format,
        ImageFormat::Png
    );
    let webp = encoded(&photo(8, 8), image::ImageFormat::WebP);
    assert_eq!(
        shopper.upload(webp).await.json::<ImageView>().format,
        ImageFormat::Jpeg
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_bad_upload_is_refused_with_its_code_and_nothing_is_stored() {
    let server = TestServer::start().await;
    let shopper = server.sign_in("demo-shopper").await;
    let before = images_stored(&server).await;

    let jpeg = encoded(&photo(16, 16), image::ImageFormat::Jpeg);
    let png = encoded(&photo(16, 16), image::ImageFormat::Png);
    let webp = encoded(&photo(16, 16), image::ImageFormat::WebP);
    let mut polyglot = jpeg.clone();
    polyglot.extend_from_slice(b"PK\x03\x04\x14\0\0\0\x08\0secret.txt");
    let mut after_iend = png.clone();
    after_iend.extend_from_slice(b"<script>alert(1)</script>");
    let mut long_riff = webp.clone();
    long_riff.extend_from_slice(b"PK\x05\x06");
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
    let cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        (
            "a polyglot JPEG+ZIP",
            polyglot,
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a PNG with data after IEND",
            after_iend,
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a WebP longer than its RIFF size",
            long_riff,
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a truncated PNG",
            png[..png.len() / 2].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "a truncated JPEG",
            jpeg[..jpeg.len() - 20].to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_unreadable",
        ),
        (
            "an SVG",
            svg.to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_type_unsupported",
        ),
        (
            "a GIF",
            b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_type_unsupported",
        ),
        (
            "HTML",
            b"<!doctype html><p>hi".to_vec(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_type_unsupported",
        ),
        (
            "nothing",
            Vec::new(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_type_unsupported",
        ),
        (
            "a 20,000 x 20,000 bomb",
            bomb(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "image_too_many_pixels",
        ),
        (
            "a 6 MB file",
            vec![0xFF; 6 * 1024 * 1024],
            StatusCode::PAYLOAD_TOO_LARGE,
            "image_too_large",
        ),
    ];
    for (what, bytes, status, code) in cases {
        let answer = shopper.upload(bytes).await;
        assert_eq!(answer.status, status, "{what}: {}", answer.text);
        assert_eq!(answer.code(), code, "{what}");
        answer.assert_server_headers();
    }
    // The limit holds while streaming, without a Content-Length.
    let chunks =
        futures_util::stream::iter((0..12).map(|_| Ok::<_, std::io::Error>(vec![0u8; 512 * 1024])));
    let streamed = common::read(
        shopper
            .http
            .post(server.url("/api/images"))
            .header(complaint_api::CSRF_HEADER, "1")
            .body(reqwest::Body::wrap_stream(chunks))
            .send()
            .await
            .unwrap(),
    )
    .await;
    streamed.assert_error(StatusCode::PAYLOAD_TOO_LARGE, "image_too_large");
    assert_eq!(
        images_stored(&server).await,
        before,
        "nothing refused was stored"
    );

    // A fifth picture on one message: refused, no message, the four still unsent.
    let complaint = shopper.seeded(ComplaintStatus::Pending, MINUTE_MS).await;
    let mut ids = Vec::new();
    for _ in 0..5 {
        ids.push(shopper.upload(jpeg.clone()).await.json::<ImageView>().id);
    }
    let answer = shopper
        .send_message(complaint.id, json!({"text": "证据", "images": ids}))
        .await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "too_many_images");
    assert!(shopper.conversation(complaint.id).await.messages.is_empty());
    let attached = "SELECT COUNT(*) FROM images WHERE message_id IS NOT NULL";
    assert_eq!(scalar_i64(&server.database_url, attached).await, 0);
    // Someone else's upload, or one already sent, is not the sender's to send.
    let other = server.sign_in("demo-agent").await;
    let theirs = other.upload(jpeg.clone()).await.json::<ImageView>().id;
    let answer = shopper
        .send_message(complaint.id, json!({"images": [ids[0], theirs]}))
        .await;
    answer.assert_error(StatusCode::UNPROCESSABLE_ENTITY, "image_not_found");
    let four: MessageView = shopper
        .send_message(complaint.id, json!({"images": &ids[..4]}))
        .await
        .message();
    assert_eq!(
        four.images.iter().map(|image| image.id).collect::<Vec<_>>(),
        ids[..4]
    );
    shopper
        .send_message(complaint.id, json!({"images": [ids[0]]}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "image_not_found");
    shopper
        .send_message(complaint.id, json!({"images": [ids[4], ids[4]]}))
        .await
        .assert_error(StatusCode::UNPROCESSABLE_ENTITY, "image_not_found");
    // Uploading needs a session and the CSRF header.
    let anonymous = server.client().upload(jpeg.clone()).await;
    anonymous.assert_error(StatusCode::UNAUTHORIZED, "unauthenticated");
    let no_csrf = common::read(
        shopper
            .http
            .post(server.url("/api/images"))
            .body(jpeg)
            .send()
            .await
            .unwrap(),
    )
    .await;
    no_csrf.assert_error(StatusCode::FORBIDDEN, "forbidden");
    server.stop().await;
}
