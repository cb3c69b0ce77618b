//! Declarations shared by the wire modules: id newtypes and enums with stable names.

/// Declares id newtypes.
macro_rules! id_type {
    ($($(#[$m:meta])* $name:ident;)*) => {$(
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

/// Declares a wire enum with its stable names and translated labels.
macro_rules! choice {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $str:literal, $msg:ident;)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable name stored in the database and used on the wire.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $str),* }
            }

            /// Parses the stable name; `None` for anything else.
            pub fn parse(s: &str) -> Option<$name> {
                match s.trim() { $($str => Some($name::$variant),)* _ => None }
            }

            /// The translated label.
            pub fn label(self) -> $crate::Msg {
                match self { $($name::$variant => $crate::Msg::$msg),* }
            }
        }
    };
}
