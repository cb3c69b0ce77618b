//! Who a request comes from: the socket's address, or behind a trusted reverse proxy the client
//! that proxy names in `X-Forwarded-For`. Only the proxies in `AULA_TRUSTED_PROXIES` are believed,
//! and of the hops they list the right-most one that is not itself a trusted proxy is the client
//! (anything left of it is whatever the client chose to send).

use std::net::{IpAddr, SocketAddr};

use axum::http::HeaderMap;

/// An address or a CIDR range of addresses (`10.0.0.0/8`, `::1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpRange {
    net: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// `127.0.0.1`, `10.0.0.0/8`, `fd00::/8`; `None` for anything else.
    pub fn parse(s: &str) -> Option<IpRange> {
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p.parse::<u8>().ok()?)),
            None => (s, None),
        };
        let net: IpAddr = addr.parse().ok()?;
        let max = if net.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(IpRange { net, prefix })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        match (self.net, canonical(ip)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// The trusted proxies of a setting (`a, b/n, …`), or the first entry that is not an address.
pub fn parse_ranges(setting: &str) -> Result<Vec<IpRange>, String> {
    setting
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| IpRange::parse(s).ok_or_else(|| s.to_string()))
        .collect()
}

/// An IPv4 address mapped into IPv6 (`::ffff:10.0.0.1`) as the IPv4 one.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// The client's address for a request from `peer` with `headers`.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, trusted: &[IpRange]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|r| r.contains(ip));
    let peer = canonical(peer.ip());
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            // Not an address: the proxy's own neighbour is as far as anything can be believed.
            return client;
        };
        client = canonical(ip);
        if !is_trusted(client) {
            return client;
        }
    }
    client
}

/// A hop as proxies write it: `203.0.113.7`, `203.0.113.7:5234`, `[2001:db8::1]:443`, `2001:db8::1`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    if let Ok(ip) = hop.parse() {
        return Some(ip);
    }
    if let Ok(sock) = hop.parse::<SocketAddr>() {
        return Some(sock.ip());
    }
    hop.strip_prefix('[').and_then(|h| h.strip_suffix(']')).and_then(|h| h.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn request(peer: &str, forwarded: &[&str]) -> (SocketAddr, HeaderMap) {
        let mut headers = HeaderMap::new();
        for f in forwarded {
            headers.append("x-forwarded-for", HeaderValue::from_str(f).unwrap());
        }
        (format!("{peer}:4000").parse().unwrap(), headers)
    }

    #[test]
    fn only_a_trusted_proxy_names_the_client_and_the_right_most_untrusted_hop_is_it() {
        let trusted = parse_ranges("127.0.0.1, 10.0.0.0/8").unwrap();
        // Straight from the internet: the header is whatever the client wrote.
        let (peer, h) = request("203.0.113.9", &["1.2.3.4"]);
        assert_eq!(client_ip(peer, &h, &trusted).to_string(), "203.0.113.9");
        // Through our proxy: the hop it added; the spoofed one to its left is ignored.
        let (peer, h) = request("127.0.0.1", &["6.6.6.6, 198.51.100.4"]);
        assert_eq!(client_ip(peer, &h, &trusted).to_string(), "198.51.100.4");
        // Two proxies of ours (an internal load balancer behind the edge one).
        let (peer, h) = request("10.1.2.3", &["6.6.6.6, 198.51.100.4", "10.0.0.5"]);
        assert_eq!(client_ip(peer, &h, &trusted).to_string(), "198.51.100.4");
        // Ports and brackets as some proxies write them.
        let (peer, h) = request("127.0.0.1", &["[2001:db8::7]:443"]);
        assert_eq!(client_ip(peer, &h, &trusted).to_string(), "2001:db8::7");
        // Garbage stops the walk at what was believed so far.
        let (peer, h) = request("127.0.0.1", &["unknown"]);
        assert_eq!(client_ip(peer, &h, &trusted).to_string(), "127.0.0.1");
        // No proxies configured: never the header.
        let (peer, h) = request("127.0.0.1", &["198.51.100.4"]);
        assert_eq!(client_ip(peer, &h, &[]).to_string(), "127.0.0.1");
    }

    #[test]
    fn ranges_parse_addresses_and_prefixes_of_both_families() {
        assert!(IpRange::parse("10.0.0.0/8").unwrap().contains("10.200.3.4".parse().unwrap()));
        assert!(!IpRange::parse("10.0.0.0/8").unwrap().contains("11.0.0.1".parse().unwrap()));
        assert!(IpRange::parse("::1").unwrap().contains("::1".parse().unwrap()));
        assert!(IpRange::parse("0.0.0.0/0").unwrap().contains("8.8.8.8".parse().unwrap()));
        assert!(IpRange::parse("127.0.0.1").unwrap().contains("::ffff:127.0.0.1".parse().unwrap()));
        for bad in ["10.0.0.0/33", "localhost", "10.0.0/8", "::1/129"] {
            assert_eq!(IpRange::parse(bad), None, "{bad}");
        }
        assert_eq!(parse_ranges("127.0.0.1, nope"), Err("nope".to_string()));
        assert_eq!(parse_ranges(" "), Ok(vec![]));
    }
}
