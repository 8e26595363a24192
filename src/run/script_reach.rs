//! Where `pm.sendRequest` may go. Without a target, anywhere (as in Postman). Under a
//! target, a script request to one of the collection's own origins goes to the target
//! instead, as the collection's requests do; one to a host `--allow-host` (or the
//! sidecar's `allow_hosts`) lists goes where its URL points; any other is refused, so a
//! run pointed at staging cannot reach production from a script.

use url::Url;

use crate::collection::HostPattern;
use crate::request::Target;
use crate::session::CollectionTarget;

/// Scheme, host (lower case) and port.
type Origin = (String, String, u16);

/// What a case's scripts may reach.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reach {
    /// The target and who chose it; `None`: the URLs as written, anything goes.
    target: Option<(Target, String)>,
    /// The collection's own origins, rendered with the case's variables.
    own: Vec<Origin>,
    /// Hosts reached as written.
    allowed: Vec<HostPattern>,
}

impl Reach {
    /// The reach of a case of a collection going to `target`: its written origins
    /// rendered by `render`, the hosts of `allowed` (the run's) and of the sidecar.
    pub fn new(
        target: &CollectionTarget,
        allowed: &[HostPattern],
        mut render: impl FnMut(&str) -> String,
    ) -> Reach {
        let Some(origin) = target.origin() else {
            return Reach::default();
        };
        let mut own: Vec<Origin> = target
            .origins
            .iter()
            .filter_map(|template| {
                let rendered = render(template);
                let rendered = rendered.trim();
                if rendered.contains("://") {
                    origin_of(rendered)
                } else {
                    origin_of(&format!("http://{rendered}"))
                }
            })
            .collect();
        own.extend(origin_of(&origin.origin()));
        Reach {
            target: Some((
                origin.clone(),
                target.given_by.clone().unwrap_or_else(|| "--target".into()),
            )),
            own,
            allowed: allowed.iter().chain(&target.allow_hosts).cloned().collect(),
        }
    }

    /// The URL a script request to `url` goes to, or why it may not go.
    pub fn route(&self, url: &str) -> Result<String, String> {
        let Some((target, given_by)) = &self.target else {
            return Ok(url.to_string());
        };
        // An unparsable URL is the client's to report.
        let Ok(parsed) = Url::parse(url) else {
            return Ok(url.to_string());
        };
        let Some(origin) = origin_of(url) else {
            return Ok(url.to_string());
        };
        if self.own.contains(&origin) {
            let mut routed = target.origin();
            routed.push_str(parsed.path());
            if let Some(query) = parsed.query() {
                routed.push('?');
                routed.push_str(query);
            }
            return Ok(routed);
        }
        if self.allowed.iter().any(|p| p.matches(&origin.1, origin.2)) {
            return Ok(url.to_string());
        }
        let (scheme, host, port) = origin;
        Err(format!(
            "pm.sendRequest to {scheme}://{host}:{port} refused: the run has a target ({given_by}), \
             under which scripts reach only the collection's own origins (sent to the target) \
             and the hosts --allow-host or the sidecar's allow_hosts list; to reach it, add \
             --allow-host {host}:{port}"
        ))
    }
}

/// The origin of `url`, if it is an absolute URL with a host.
fn origin_of(url: &str) -> Option<Origin> {
    let parsed = Url::parse(url).ok()?;
    let host = parsed.host_str()?.to_ascii_lowercase();
    Some((
        parsed.scheme().to_string(),
        host,
        parsed.port_or_known_default()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::Destination;

    fn target(origins: &[&str]) -> CollectionTarget {
        CollectionTarget {
            destination: Destination::Origin(Target::parse("http://127.0.0.1:9").unwrap()),
            given_by: Some("--target".into()),
            origins: origins.iter().map(|o| o.to_string()).collect(),
            ..CollectionTarget::default()
        }
    }

    #[test]
    fn own_origins_go_to_the_target_others_are_refused() {
        let render = |t: &str| t.replace("{{baseUrl}}", "https://staging.example");
        let allowed = [HostPattern::parse("*.auth.example").unwrap()];
        let reach = Reach::new(&target(&["{{baseUrl}}", "api.example"]), &allowed, render);
        assert_eq!(
            reach.route("https://staging.example/a/b?c=1").unwrap(),
            "http://127.0.0.1:9/a/b?c=1"
        );
        assert_eq!(
            reach.route("http://api.example/x").unwrap(),
            "http://127.0.0.1:9/x"
        );
        assert_eq!(
            reach.route("http://127.0.0.1:9/y").unwrap(),
            "http://127.0.0.1:9/y"
        );
        assert_eq!(
            reach.route("https://id.auth.example/t").unwrap(),
            "https://id.auth.example/t"
        );
        let refused = reach.route("https://prod.example/a").unwrap_err();
        assert!(refused.contains("prod.example:443"), "{refused}");
        assert!(
            refused.contains("--allow-host prod.example:443"),
            "{refused}"
        );
    }

    #[test]
    fn without_a_target_anything_goes() {
        let reach = Reach::new(&CollectionTarget::default(), &[], |t| t.to_string());
        assert_eq!(
            reach.route("https://prod.example/a").unwrap(),
            "https://prod.example/a"
        );
    }
}
