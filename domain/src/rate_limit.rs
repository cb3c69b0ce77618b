//! Rate limits for what anyone may call without signing in: a token bucket per key (a client
//! address, a workshop), refilled evenly over its window. Kept in the process: each instance
//! behind a load balancer limits on its own, which bounds a flood by the number of instances.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// `per` requests a key may make within `window`, in bursts of up to `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per: u32,
    pub window: Duration,
}

impl Rate {
    pub fn new(per: u32, window_secs: u64) -> Rate {
        Rate { per: per.max(1), window: Duration::from_secs(window_secs.max(1)) }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// The buckets of one kind of limit.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    buckets: Mutex<HashMap<String, Bucket>>,
}

/// How many keys a limiter keeps before it forgets those that are full again.
const PRUNE_ABOVE: usize = 10_000;

impl RateLimiter {
    pub fn new(rate: Rate) -> RateLimiter {
        RateLimiter { rate, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request for `key`: `Ok` while it is within its rate, else `Err` with the whole
    /// seconds until it may try again (for `Retry-After`).
    pub fn check(&self, key: &str) -> Result<(), u64> {
        self.check_at(key, Instant::now())
    }

    fn check_at(&self, key: &str, now: Instant) -> Result<(), u64> {
        let per = f64::from(self.rate.per);
        let refill = per / self.rate.window.as_secs_f64();
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * refill < per);
        }
        let b = buckets.entry(key.to_string()).or_insert(Bucket { tokens: per, at: now });
        b.tokens = (b.tokens + now.duration_since(b.at).as_secs_f64() * refill).min(per);
        b.at = now;
        if b.tokens >= 1.0 {
            b.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - b.tokens) / refill).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_burst_then_waits_for_the_refill_and_others_are_not_affected() {
        let limiter = RateLimiter::new(Rate::new(3, 60));
        let t0 = Instant::now();
        for _ in 0..3 {
            assert_eq!(limiter.check_at("10.0.0.1", t0), Ok(()));
        }
        // One request comes back every 20 s.
        assert_eq!(limiter.check_at("10.0.0.1", t0), Err(20));
        assert_eq!(limiter.check_at("10.0.0.2", t0), Ok(()), "another key has its own bucket");
        assert_eq!(limiter.check_at("10.0.0.1", t0 + Duration::from_secs(15)), Err(5));
        assert_eq!(limiter.check_at("10.0.0.1", t0 + Duration::from_secs(21)), Ok(()));
        assert!(limiter.check_at("10.0.0.1", t0 + Duration::from_secs(21)).is_err());
        // A long pause refills the burst, never beyond it.
        let later = t0 + Duration::from_secs(3600);
        for _ in 0..3 {
            assert_eq!(limiter.check_at("10.0.0.1", later), Ok(()));
        }
        assert!(limiter.check_at("10.0.0.1", later).is_err());
    }
}
