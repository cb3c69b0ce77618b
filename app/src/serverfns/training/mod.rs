//! Training operations: workshops and enrollments (reception and up), the course catalogue and
//! rooms (managers edit), contracts and sessions (staff), attendance (reception), and the public
//! workshop catalogue and enroll form (no sign-in).

mod cancel_enrollment;
mod contract_page;
mod enroll_person;
mod enroll_walk_in;
mod list_contracts;
mod list_courses;
mod list_workshops;
mod pay_enrollment;
mod person_workshops;
mod public_enroll;
mod public_workshop;
mod public_workshops;
mod record_attendance;
mod refund_enrollment;
mod save_contract;
mod save_course;
mod save_room;
mod save_session;
mod save_workshop;
mod session_page;
mod set_participant;
mod today;
mod training_choices;
mod workshop_page;

pub use cancel_enrollment::*;
pub use contract_page::*;
pub use enroll_person::*;
pub use enroll_walk_in::*;
pub use list_contracts::*;
pub use list_courses::*;
pub use list_workshops::*;
pub use pay_enrollment::*;
pub use person_workshops::*;
pub use public_enroll::*;
pub use public_workshop::*;
pub use public_workshops::*;
pub use record_attendance::*;
pub use refund_enrollment::*;
pub use save_contract::*;
pub use save_course::*;
pub use save_room::*;
pub use save_session::*;
pub use save_workshop::*;
pub use session_page::*;
pub use set_participant::*;
pub use today::*;
pub use training_choices::*;
pub use workshop_page::*;
