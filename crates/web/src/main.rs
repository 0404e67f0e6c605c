//! The web app's module (wasm32, built by `cargo xtask dist`). It starts
//! nothing by itself: index.html's start script calls its `start` export
//! when the page's first frame can be handed over to it.

// Linked for its exports, `start` among them.
use notice_web as _;

fn main() {}
