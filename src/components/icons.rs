//! The app's icons: small inline SVG drawn with the text colour, so they follow dark mode
//! and cost no request. Always decorative: the text next to them says what they mean.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IconName {
    Logo,
    List,
    Bag,
    Book,
    Headset,
    Globe,
    Clock,
    Alert,
    Lock,
    Check,
    CheckCircle,
    Copy,
    Shield,
    ChevronLeft,
    ChevronRight,
    Search,
    Download,
    Info,
    Hourglass,
    Flag,
    Close,
    Image,
    Send,
}

impl IconName {
    /// Path data on a 24×24 grid, stroked 2 px with round caps.
    fn path(self) -> &'static str {
        match self {
            IconName::Logo => "M4 5h16v11H9l-5 4zM8 9h8M8 12h5",
            IconName::List => "M8 6h12M8 12h12M8 18h12M4 6h.01M4 12h.01M4 18h.01",
            IconName::Bag => "M5 8h14l-1 12H6zM9 8V6a3 3 0 0 1 6 0v2",
            IconName::Book => "M12 6c-2-1.5-5-2-8-2v14c3 0 6 .5 8 2 2-1.5 5-2 8-2V4c-3 0-6 .5-8 2zM12 6v14",
            IconName::Headset => "M4 14v-2a8 8 0 0 1 16 0v2M4 14h3v5H4zM17 14h3v5h-3zM20 19c0 1.5-2 2-5 2",
            IconName::Globe => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.5 3.5 5.5 3.5 9s-1 6.5-3.5 9M12 3c-2.5 2.5-3.5 5.5-3.5 9s1 6.5 3.5 9",
            IconName::Clock => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2",
            IconName::Alert => "M12 3 2 20h20zM12 10v4M12 17h.01",
            IconName::Lock => "M6 11h12v9H6zM8 11V8a4 4 0 0 1 8 0v3",
            IconName::Check => "M5 12l5 5 9-10",
            IconName::CheckCircle => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM8 12l3 3 5-6",
            IconName::Copy => "M9 9h11v11H9zM5 15H4V4h11v1",
            IconName::Shield => "M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4",
            IconName::ChevronLeft => "M15 5l-7 7 7 7",
            IconName::ChevronRight => "M9 5l7 7-7 7",
            IconName::Search => "M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4",
            IconName::Download => "M12 4v11M7 10l5 5 5-5M5 20h14",
            IconName::Info => "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 11v5M12 8h.01",
            IconName::Hourglass => "M7 3h10M7 21h10M8 3c0 5 8 5 8 9s-8 4-8 9M16 3c0 5-8 5-8 9s8 4 8 9",
            IconName::Flag => "M5 21V4M5 4h11l-2 4 2 4H5",
            IconName::Close => "M6 6l12 12M18 6 6 18",
            IconName::Image => "M4 5h16v14H4zM4 16l5-5 4 4 3-3 4 4M15 9h.01",
            IconName::Send => "M4 12 20 4l-6 16-3-7zM11 13l9-9",
        }
    }
}

#[component]
pub fn Icon(name: IconName) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d=name.path()/>
        </svg>
    }
}
