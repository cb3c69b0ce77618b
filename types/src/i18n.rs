//! Translations: every user-facing string is a `Msg`, and every `Msg` has a Spanish, a Basque and
//! an English text, so a missing translation is a compile error.

use serde::{Deserialize, Serialize};

/// A UI language. Spanish is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    Es,
    Eu,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Es, Locale::Eu, Locale::En];

    /// The BCP 47 tag, as used in `lang=` and in the database.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::Eu => "eu",
            Locale::En => "en",
        }
    }

    /// The language's own name for itself.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Es => "Español",
            Locale::Eu => "Euskara",
            Locale::En => "English",
        }
    }

    /// Parses a tag such as `eu` or `es-ES`; `None` for other languages.
    pub fn parse(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first supported language in an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        let mut langs: Vec<(f32, Locale)> = header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let locale = Locale::parse(it.next()?)?;
                let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
                Some((q, locale))
            })
            .collect();
        langs.sort_by(|a, b| b.0.total_cmp(&a.0));
        langs.first().map(|(_, l)| *l)
    }
}

macro_rules! messages {
    ($($key:ident => $es:literal, $eu:literal, $en:literal;)*) => {
        /// A translatable UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg { $($key),* }

        impl Msg {
            /// The text in `locale`.
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (Msg::$key, Locale::Es) => $es,
                        (Msg::$key, Locale::Eu) => $eu,
                        (Msg::$key, Locale::En) => $en,
                    )*
                }
            }

            #[cfg(test)]
            const ALL: &'static [Msg] = &[$(Msg::$key),*];
        }
    };
}

messages! {
    AppTagline => "Gestión de formación y talleres", "Prestakuntza eta tailerren kudeaketa", "Training and workshop management";
    NavDashboard => "Inicio", "Hasiera", "Dashboard";
    NavUsers => "Usuarios", "Erabiltzaileak", "Users";
    NavAccount => "Mi cuenta", "Nire kontua", "My account";
    NavSignOut => "Cerrar sesión", "Saioa itxi", "Sign out";
    NavMenu => "Menú", "Menua", "Menu";
    NavLanguage => "Idioma", "Hizkuntza", "Language";
    NavMain => "Navegación principal", "Nabigazio nagusia", "Main navigation";

    LoginTitle => "Iniciar sesión", "Saioa hasi", "Sign in";
    LoginIntro => "Entra con tu email y tu contraseña.", "Sartu zure emailarekin eta pasahitzarekin.", "Sign in with your email and password.";
    LoginSubmit => "Entrar", "Sartu", "Sign in";
    LoginFailed => "Email o contraseña incorrectos.", "Emaila edo pasahitza okerra da.", "Wrong email or password.";
    LoginSignedOut => "Has cerrado la sesión.", "Saioa itxi duzu.", "You have signed out.";
    LoginExpired => "Tu sesión ha caducado. Vuelve a entrar.", "Zure saioa iraungi da. Sartu berriro.", "Your session has expired. Please sign in again.";

    FieldEmail => "Email", "Emaila", "Email";
    FieldPassword => "Contraseña", "Pasahitza", "Password";
    FieldName => "Nombre", "Izena", "Name";
    FieldRole => "Rol", "Rola", "Role";
    FieldLanguage => "Idioma", "Hizkuntza", "Language";
    FieldCurrentPassword => "Contraseña actual", "Egungo pasahitza", "Current password";
    FieldNewPassword => "Contraseña nueva", "Pasahitz berria", "New password";
    FieldConfirmPassword => "Repite la contraseña", "Errepikatu pasahitza", "Repeat the password";
    FieldStatus => "Estado", "Egoera", "Status";
    FieldLastLogin => "Último acceso", "Azken sarbidea", "Last sign-in";
    FieldCreated => "Alta", "Alta", "Created";

    RoleAdmin => "Administración", "Administrazioa", "Administrator";
    RoleManager => "Dirección", "Zuzendaritza", "Manager";
    RoleStaff => "Equipo", "Taldea", "Staff";
    RoleReception => "Recepción", "Harrera", "Reception";

    DashGreeting => "Hola, {name}", "Kaixo, {name}", "Hello, {name}";
    DashToday => "Hoy", "Gaur", "Today";
    DashYourRole => "Tu rol", "Zure rola", "Your role";
    DashActiveUsers => "Usuarios activos", "Erabiltzaile aktiboak", "Active users";
    DashSessions => "Sesiones abiertas", "Saio irekiak", "Open sessions";
    DashSystem => "Sistema", "Sistema", "System";
    DashDatabase => "Base de datos", "Datu-basea", "Database";
    DashVersion => "Versión", "Bertsioa", "Version";
    DashTimeZone => "Zona horaria", "Ordu-eremua", "Time zone";
    DashShortcuts => "Accesos directos", "Lasterbideak", "Shortcuts";
    DashManageUsers => "Gestionar usuarios y roles", "Erabiltzaileak eta rolak kudeatu", "Manage users and roles";
    DashEditAccount => "Cambiar contraseña o idioma", "Pasahitza edo hizkuntza aldatu", "Change password or language";

    UsersTitle => "Usuarios", "Erabiltzaileak", "Users";
    UsersIntro => "Quién puede entrar en Aula y qué puede hacer.", "Nork sar daiteke Aulan eta zer egin dezake.", "Who can sign in to Aula and what they may do.";
    UsersNew => "Nuevo usuario", "Erabiltzaile berria", "New user";
    UsersCreate => "Crear usuario", "Erabiltzailea sortu", "Create user";
    UsersCreated => "Usuario creado.", "Erabiltzailea sortu da.", "User created.";
    UsersUpdated => "Usuario actualizado.", "Erabiltzailea eguneratu da.", "User updated.";
    UsersActive => "Activo", "Aktiboa", "Active";
    UsersInactive => "Desactivado", "Desaktibatuta", "Deactivated";
    UsersDeactivate => "Desactivar", "Desaktibatu", "Deactivate";
    UsersActivate => "Activar", "Aktibatu", "Activate";
    UsersNever => "Nunca", "Inoiz ez", "Never";
    UsersYou => "tú", "zu", "you";
    UsersPasswordHint => "Mínimo 10 caracteres.", "Gutxienez 10 karaktere.", "At least 10 characters.";
    UsersCount => "{n} usuarios", "{n} erabiltzaile", "{n} users";

    AccountTitle => "Mi cuenta", "Nire kontua", "My account";
    AccountPassword => "Cambiar contraseña", "Pasahitza aldatu", "Change password";
    AccountPasswordChanged => "Contraseña cambiada. Las demás sesiones se han cerrado.", "Pasahitza aldatu da. Beste saioak itxi dira.", "Password changed. Your other sessions were signed out.";
    AccountLanguageSaved => "Idioma guardado.", "Hizkuntza gorde da.", "Language saved.";

    ActionSave => "Guardar", "Gorde", "Save";
    ActionSaving => "Guardando…", "Gordetzen…", "Saving…";
    ActionClose => "Cerrar", "Itxi", "Close";
    ActionBackHome => "Volver al inicio", "Hasierara itzuli", "Back to the dashboard";
    Loading => "Cargando…", "Kargatzen…", "Loading…";

    PageNotFoundTitle => "Página no encontrada", "Ez da orria aurkitu", "Page not found";
    PageNotFoundBody => "La dirección no existe o ha cambiado.", "Helbidea ez da existitzen edo aldatu egin da.", "The address does not exist or has changed.";
    PageForbiddenTitle => "Sin permiso", "Baimenik gabe", "Not allowed";
    PageForbiddenBody => "Tu rol no permite abrir esta página. Pide acceso a quien administra Aula.", "Zure rolak ez du orri hau irekitzen uzten. Eskatu sarbidea Aula kudeatzen duenari.", "Your role cannot open this page. Ask whoever runs Aula for access.";
    PageErrorTitle => "Algo ha fallado", "Zerbait gaizki joan da", "Something went wrong";

    ErrRequired => "Este campo es obligatorio.", "Eremu hau derrigorrezkoa da.", "This field is required.";
    ErrTooShort => "Debe tener al menos {n} caracteres.", "Gutxienez {n} karaktere izan behar ditu.", "Must be at least {n} characters long.";
    ErrTooLong => "No puede pasar de {n} caracteres.", "Ezin ditu {n} karaktere gainditu.", "Must be at most {n} characters long.";
    ErrInvalidEmail => "No es un email válido.", "Ez da baliozko emaila.", "Not a valid email address.";
    ErrEmailTaken => "Ya hay un usuario con este email.", "Badago erabiltzaile bat email honekin.", "A user with this email already exists.";
    ErrInvalidChoice => "Elige una de las opciones.", "Aukeratu aukeretako bat.", "Choose one of the options.";
    ErrWrongPassword => "La contraseña no es correcta.", "Pasahitza ez da zuzena.", "The password is not correct.";
    ErrPasswordsDiffer => "Las contraseñas no coinciden.", "Pasahitzak ez datoz bat.", "The passwords do not match.";
    ErrUnauthorized => "Tienes que iniciar sesión.", "Saioa hasi behar duzu.", "You need to sign in.";
    ErrForbidden => "Tu rol no permite hacer esto.", "Zure rolak ez du hau egiten uzten.", "Your role does not allow this.";
    ErrNotFound => "No se ha encontrado.", "Ez da aurkitu.", "Not found.";
    ErrValidation => "Revisa los campos marcados.", "Berrikusi markatutako eremuak.", "Please check the marked fields.";
    ErrConflict => "Otro cambio se ha cruzado con el tuyo. Recarga e inténtalo de nuevo.", "Beste aldaketa batek zurea gurutzatu du. Kargatu berriro eta saiatu berriz.", "Another change got in the way. Reload and try again.";
    ErrRateLimited => "Demasiados intentos. Prueba de nuevo en {n} min.", "Saiakera gehiegi. Saiatu berriro {n} min barru.", "Too many attempts. Try again in {n} min.";
    ErrUnavailable => "No hay conexión con el servidor.", "Ez dago zerbitzariarekin konexiorik.", "Cannot reach the server.";
    ErrInternal => "Error interno. Se ha registrado y puedes volver a intentarlo.", "Barne-errorea. Erregistratu da eta berriro saia zaitezke.", "Internal error. It has been logged; you can try again.";
    ErrCannotChangeSelf => "No puedes quitarte a ti el rol de administración ni desactivarte.", "Ezin diozu zeure buruari administrazio-rola kendu edo zeure burua desaktibatu.", "You cannot remove your own administrator role or deactivate yourself.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_a_text_in_every_language() {
        for m in Msg::ALL {
            for l in Locale::ALL {
                assert!(!m.text(l).trim().is_empty(), "{m:?} is empty in {l:?}");
            }
        }
    }

    #[test]
    fn placeholders_appear_in_every_language() {
        for m in Msg::ALL {
            for ph in ["{n}", "{name}"] {
                let in_es = m.text(Locale::Es).contains(ph);
                for l in Locale::ALL {
                    assert_eq!(m.text(l).contains(ph), in_es, "{m:?} {ph} in {l:?}");
                }
            }
        }
    }

    #[test]
    fn accept_language_picks_the_best_supported_language() {
        assert_eq!(Locale::from_accept_language("fr-FR,eu;q=0.8,en;q=0.5"), Some(Locale::Eu));
        assert_eq!(Locale::from_accept_language("en-GB,es;q=0.9"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("de,fr"), None);
        assert_eq!(Locale::parse("es-ES"), Some(Locale::Es));
    }
}
