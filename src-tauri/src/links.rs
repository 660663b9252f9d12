//! Where the window may go: only the app's own pages. A click on an outside link in an
//! entry (the renderer keeps http/https links) would otherwise replace the whole app
//! with that web page and leave no way back; instead the navigation is cancelled and
//! an http(s) address opens in the system browser (the `open` crate, what Tauri's opener
//! plugin uses underneath; the page itself is granted no opener permission). Nothing
//! else is opened.

use tauri::plugin::{Builder, TauriPlugin};
use tauri::{Runtime, Url};

/// What to do with a navigation the webview is about to make.
#[derive(Debug, PartialEq, Eq)]
pub enum Navigation {
    /// The app's own page (`tauri://localhost`, or `http://tauri.localhost` on Windows).
    Allow,
    /// An outside web page: cancel, and open it in the system browser.
    OpenOutside,
    /// Anything else (`file:`, `mailto:`, other schemes): cancel.
    Block,
}

pub fn decide(url: &Url) -> Navigation {
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "tauri" if host == "localhost" => Navigation::Allow,
        "http" | "https" if host == "tauri.localhost" => Navigation::Allow,
        "http" | "https" if !host.is_empty() => Navigation::OpenOutside,
        _ => Navigation::Block,
    }
}

/// The browser to use instead of the desktop's default (`RUNGS_BROWSER`, a program
/// given the address): the end-to-end tests record the address rather than open it.
fn browser_override() -> Option<String> {
    std::env::var("RUNGS_BROWSER")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A plugin that applies [`decide`] to every navigation of every webview.
pub fn guard<R: Runtime>() -> TauriPlugin<R> {
    Builder::new("navigation-guard")
        .on_navigation(|_, url| match decide(url) {
            Navigation::Allow => true,
            Navigation::OpenOutside => {
                let opened = match browser_override() {
                    Some(browser) => open::with_detached(url.as_str(), browser),
                    None => open::that_detached(url.as_str()),
                };
                if let Err(e) = opened {
                    tracing::warn!(error = %e, %url, "cannot open the link in a browser");
                }
                false
            }
            Navigation::Block => {
                tracing::warn!(%url, "navigation blocked");
                false
            }
        })
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Navigation {
        decide(&Url::parse(s).unwrap())
    }

    #[test]
    fn only_the_apps_own_pages_load_in_the_window() {
        assert_eq!(d("tauri://localhost/"), Navigation::Allow);
        assert_eq!(d("tauri://localhost/index.html#x"), Navigation::Allow);
        assert_eq!(d("http://tauri.localhost/"), Navigation::Allow);
        assert_eq!(d("tauri://evil.example/"), Navigation::Block);
    }

    #[test]
    fn web_links_go_to_the_browser_and_the_rest_nowhere() {
        assert_eq!(d("https://example.org/a"), Navigation::OpenOutside);
        assert_eq!(d("http://localhost:8080/"), Navigation::OpenOutside);
        assert_eq!(d("file:///etc/passwd"), Navigation::Block);
        assert_eq!(d("mailto:a@b.c"), Navigation::Block);
        assert_eq!(d("javascript:alert(1)"), Navigation::Block);
        assert_eq!(d("data:text/html,x"), Navigation::Block);
    }
}
