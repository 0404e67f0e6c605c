//! Notices that use every field, every kind of section and awkward text
//! (control characters, quotes, emoji, markup): what a hostile or broken
//! draft may hold, for the tests that try every writer and reader on it.

use super::random::Random;
use notice_core::*;

/// Notices that use every field, every kind of section and awkward text.
impl Random {
    pub fn any_text(&mut self) -> String {
        const PIECES: &[&str] = &[
            "质量月",
            "砀山县市场监督管理局",
            "〔2021〕",
            "“质量强国”",
            "a\"b",
            "C:\\路径",
            "\n",
            "\t",
            "\r",
            "\u{1}",
            "\u{8}",
            "\u{c}",
            "\u{1f}",
            "\u{7f}",
            "\u{2028}",
            "😀",
            "é",
            "/",
            " ",
            "</script>",
            "0",
            "",
        ];
        (0..self.below(5))
            .map(|_| PIECES[self.below(PIECES.len())])
            .collect()
    }
    pub fn any_texts(&mut self) -> Vec<String> {
        (0..self.below(4)).map(|_| self.any_text()).collect()
    }
    pub fn any_date(&mut self) -> Option<DocDate> {
        self.chance()
            .then(|| {
                DocDate::new(
                    1990 + self.below(60) as u16,
                    1 + self.below(12) as u8,
                    1 + self.below(28) as u8,
                )
            })
            .flatten()
    }
    pub fn any_number<T: TryFrom<u64>>(&mut self, max: u64) -> Option<T> {
        self.chance()
            .then(|| T::try_from(self.next() % (max + 1)).ok())
            .flatten()
    }
    pub fn any_level(&mut self) -> Level {
        [Level::Body, Level::Second, Level::Third, Level::Fourth][self.below(4)]
    }
    pub fn any_content(&mut self) -> SectionContent {
        match self.below(8) {
            0 => SectionContent::Preamble {
                paragraphs: self.any_texts(),
            },
            1 => SectionContent::Text {
                blocks: (0..self.below(4))
                    .map(|_| TextBlock {
                        level: self.any_level(),
                        text: self.any_text(),
                    })
                    .collect(),
            },
            2 => SectionContent::Theme {
                theme: self.any_text(),
            },
            3 => SectionContent::Time {
                text: self.any_text(),
            },
            4 => SectionContent::Tasks {
                intro: self.any_text(),
            },
            5 => SectionContent::ByDepartment {
                groups: (0..self.below(3))
                    .map(|_| DepartmentActivities {
                        department: self.any_text(),
                        activities: self.any_texts(),
                    })
                    .collect(),
            },
            6 => SectionContent::Requirements {
                items: (0..self.below(3))
                    .map(|_| Requirement {
                        lead: self.any_text(),
                        text: self.any_text(),
                    })
                    .collect(),
            },
            _ => SectionContent::Summary(Summary {
                deadline: self.any_date(),
                what: self.any_text(),
                to: self.any_text(),
                extra: self.any_text(),
            }),
        }
    }
    pub fn any_notice(&mut self) -> Notice {
        Notice {
            shape: if self.chance() {
                NoticeShape::Direct
            } else {
                NoticeShape::IssuesPlan
            },
            campaign: Campaign {
                name: self.any_text(),
                year: self.any_number(u16::MAX.into()),
            },
            header: Header {
                organs: self.any_texts(),
                with_wenjian: self.chance(),
                copy_number: self.any_text(),
                secrecy: self.any_text(),
                urgency: self.any_text(),
                doc_number: DocNumber {
                    prefix: self.any_text(),
                    year: self.any_number(u16::MAX.into()),
                    serial: self.any_number(u32::MAX.into()),
                },
                signers: self.any_texts(),
                form: if self.chance() {
                    HeaderForm::Letter
                } else {
                    HeaderForm::Standard
                },
            },
            title: self.chance().then(|| self.any_text()),
            recipients: self.any_texts(),
            cover_body: self.any_texts(),
            plan_title: self.chance().then(|| self.any_text()),
            sections: (0..self.below(9))
                .map(|_| Section {
                    id: self.any_number(u32::MAX.into()).unwrap_or_default(),
                    heading: self.any_text(),
                    content: self.any_content(),
                })
                .collect(),
            tasks: TaskList {
                layout: [
                    TaskLayout::Table,
                    TaskLayout::Subsections,
                    TaskLayout::Items,
                ][self.below(3)],
                rows: (0..self.below(5))
                    .map(|_| TaskRow {
                        name: self.any_text(),
                        description: self.any_text(),
                        time: self.any_text(),
                        place: self.any_text(),
                        lead: self.any_text(),
                        support: self.any_texts(),
                    })
                    .collect(),
                lead_label: self.any_text(),
                support_label: self.any_text(),
            },
            contacts: (0..self.below(3))
                .map(|_| Contact {
                    name: self.any_text(),
                    phone: self.any_text(),
                    email: self.any_text(),
                    fax: self.any_text(),
                })
                .collect(),
            attachments: self.any_texts(),
            attachment_pages: (0..self.below(3))
                .map(|_| AttachmentPage {
                    name: self.any_text(),
                    kind: [
                        AttachmentKind::Text,
                        AttachmentKind::Table,
                        AttachmentKind::List,
                    ][self.below(3)],
                    paragraphs: self.any_texts(),
                    columns: self.any_texts(),
                    rows: (0..self.below(3)).map(|_| self.any_texts()).collect(),
                    items: self.any_texts(),
                    above: self.any_texts(),
                    below: self.any_texts(),
                })
                .collect(),
            signature: Signature {
                organs: self.any_texts(),
                date: self.any_date(),
                sealed: self.chance(),
                proxy_note: self.any_text(),
            },
            note: self.any_text(),
            imprint: Imprint {
                cc: self.any_texts(),
                printer: self.any_text(),
                print_date: self.any_date(),
            },
        }
    }
}

impl Random {
    /// A draft of any notice, with every field of the envelope set.
    pub fn envelope(&mut self) -> notice_core::draft::DraftEnvelope {
        let mut envelope =
            notice_core::draft::DraftEnvelope::new(self.any_notice(), self.any_text());
        envelope.id = self.any_text();
        envelope.revision = self.next();
        envelope.deleted_at = self.chance().then(|| self.any_text());
        envelope
    }
}
