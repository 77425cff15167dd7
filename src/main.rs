fn main() {
    // Natively (`ssr`) the crate is a library the server renders with; there is nothing to
    // start.
    #[cfg(not(feature = "ssr"))]
    complaint_desk::start();
}
