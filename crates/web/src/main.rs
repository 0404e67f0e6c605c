//! The web app's entry point (wasm32, built by Trunk).

fn main() {
    notice_web::start();
}
