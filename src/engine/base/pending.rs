//! Reading that may have to wait. A browser hands a file over asynchronously, so the reading
//! pass awaits each piece; text already in memory is never waited for, and [`complete`] runs
//! the same pass synchronously.

use crate::engine::base::error::Result;
use std::future::Future;
use std::pin::{pin, Pin};
use std::task::{Context, Poll, Waker};

/// A result on its way: a boxed future, so traits of readers stay object-safe.
pub type Pending<'a, T> = Pin<Box<dyn Future<Output = Result<T>> + 'a>>;

/// A result already there, as a [`Pending`].
pub fn ready<'a, T: 'a>(result: Result<T>) -> Pending<'a, T> {
    Box::pin(std::future::ready(result))
}

/// Runs `future` to its end at once: for reading from memory or a native file, where no
/// await ever has to wait. A future that would wait is an error, not a hang.
pub fn complete<T>(future: impl Future<Output = Result<T>>) -> Result<T> {
    match pin!(future).poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(result) => result,
        Poll::Pending => Err("a file read as if it were already in memory had to wait; read it asynchronously".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completes_what_never_waits_and_refuses_what_would() {
        assert_eq!(complete(async { ready(Ok(3)).await }), Ok(3));
        assert!(complete(async {
            std::future::pending::<()>().await;
            Ok(())
        })
        .is_err());
    }
}
