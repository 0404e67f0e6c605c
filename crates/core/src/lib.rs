//! The pure core: the notice model, composition into layout blocks, their
//! pagination and the pages the preview draws, the GB/T 9704 numbers,
//! validation, text hygiene and the draft envelope.
//! Nothing here knows about Leptos, the DOM or .docx.

pub mod compose;
pub mod draft;
pub mod edit;
pub mod field;
pub mod gbt9704;
pub mod json;
pub mod library;
pub mod model;
pub mod pages;
pub mod pagination;
pub mod proofread;
pub mod rollforward;
pub mod templates;
pub mod text;
pub mod themes;
pub mod time;
pub mod transfer;
pub mod validate;

pub use field::{
    AttachmentField, ContactField, Field, RequirementField, SectionField, SectionKind, TaskField,
};
pub use model::{
    AttachmentKind, AttachmentPage, Campaign, Contact, DepartmentActivities, DocDate, DocNumber,
    Header, HeaderForm, Imprint, Level, Notice, NoticeShape, Requirement, Section, SectionContent,
    Signature, Summary, TaskLayout, TaskList, TaskRow, TextBlock,
};
