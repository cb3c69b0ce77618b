//! The assistant's grounding: the facts gathered from the database for a question (what the
//! user may see, each with a citable id such as `W12`), the check that a model's answer sticks
//! to them, and the built-in assistant that answers the common questions from the facts alone.

pub mod actions;
pub mod admin;
pub mod ask;
pub mod checker;
pub mod facts;
pub mod fallback;
pub mod history;
pub mod provider;

/// What kind of record a fact is about; the built-in assistant picks facts by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    Organization,
    Person,
    Contact,
    Interaction,
    FollowUp,
    Opportunity,
    Contract,
    Session,
    Workshop,
    Enrollment,
}

/// One fact: a citable id (`W12`), the page it links to, and a line of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub cite: String,
    pub href: String,
    pub text: String,
    pub kind: FactKind,
    /// The record's name or title, for the built-in assistant's sentences.
    pub label: String,
    /// When it happens, if it is an event.
    pub when: Option<chrono::DateTime<chrono::Utc>>,
    /// Figures the built-in assistant reads (seats left, amount due…); never shown as such.
    pub figures: Vec<i64>,
}

impl Fact {
    /// A fact of no particular kind (tests and notes).
    pub fn new(cite: &str, href: &str, text: &str) -> Fact {
        Fact {
            cite: cite.into(),
            href: href.into(),
            text: text.into(),
            kind: FactKind::Organization,
            label: String::new(),
            when: None,
            figures: Vec::new(),
        }
    }
}

/// The facts for one question.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub items: Vec<Fact>,
}

impl Facts {
    /// Adds a fact unless one with its citation is already there.
    pub fn push(&mut self, fact: Fact) {
        if !self.items.iter().any(|f| f.cite == fact.cite) {
            self.items.push(fact);
        }
    }

    /// The fact cited as `cite`.
    pub fn get(&self, cite: &str) -> Option<&Fact> {
        self.items.iter().find(|f| f.cite == cite)
    }

    /// The facts of `kind`, in the order gathered.
    pub fn of(&self, kind: FactKind) -> impl Iterator<Item = &Fact> {
        self.items.iter().filter(move |f| f.kind == kind)
    }

    /// The facts as the model reads them: one `[id] text` per line.
    pub fn prompt_lines(&self) -> String {
        self.items.iter().map(|f| format!("[{}] {}\n", f.cite, f.text)).collect()
    }
}
