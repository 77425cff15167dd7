fn main() {
    complaint_desk::start();
}
