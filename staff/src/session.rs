//! Who is signed in, shared by every screen. `None` until `/api/staff/me` answers or after a
//! 401; screens of a signed-out counsellor are replaced by the sign-in page.

use leptos::prelude::*;
use velferd_shared::staff::{Role, StaffMe};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Asking the server whether the cookie still names a session.
    Checking,
    SignedOut,
    SignedIn,
}

#[derive(Clone, Copy)]
pub struct Session {
    pub me: RwSignal<Option<StaffMe>>,
    pub known: RwSignal<Known>,
}

impl Session {
    pub fn provide() -> Session {
        let session = Session {
            me: RwSignal::new(None),
            known: RwSignal::new(Known::Checking),
        };
        provide_context(session);
        session
    }

    pub fn get() -> Session {
        expect_context::<Session>()
    }

    pub fn is_admin(self) -> bool {
        self.me
            .with(|me| me.as_ref().is_some_and(|me| me.role == Role::Admin))
    }

    pub fn signed_in(self, me: StaffMe) {
        self.me.set(Some(me));
        self.known.set(Known::SignedIn);
    }

    pub fn signed_out(self) {
        self.me.set(None);
        self.known.set(Known::SignedOut);
    }
}
