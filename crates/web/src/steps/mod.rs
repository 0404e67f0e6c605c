//! One component per editor step.

mod body;
mod check;
mod closing;
mod contacts;
mod header;
mod requirements;
mod tasks;
mod title;

pub use body::BodyStep;
pub use check::CheckStep;
pub use closing::ClosingStep;
pub use contacts::ContactsStep;
pub use header::HeaderStep;
pub use requirements::RequirementsStep;
pub use tasks::TasksStep;
pub use title::TitleStep;
