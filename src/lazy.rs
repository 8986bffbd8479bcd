/*!
Calls into code that is downloaded only when it is first needed: the machinery behind
[`crate::chunks`].

The release build (`cargo xtask dist`, cargo feature `split`) cuts the code behind each function
declared with [`lazy!`] out of the main wasm module into a chunk of its own (wasm-split, via
`wasm_split_helpers`). Calling such a function fetches its chunk once, then runs the code. A
failed download comes back as [`ChunkError`]; the next call tries again. Calls whose result nobody
waits for go through [`in_background`].

Without the `split` feature (native builds, browser tests) the same functions are plain `async`
calls into code of the main module, so the tests run the same code paths.
*/

use std::future::Future;
use std::pin::Pin;

/// A chunk could not be downloaded (offline, blocked, server error). Calling again retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkError;

#[cfg(feature = "split")]
impl From<wasm_split_helpers::SplitLoaderError> for ChunkError {
    fn from(_: wasm_split_helpers::SplitLoaderError) -> Self {
        ChunkError
    }
}

/// A future a chunk hands back (split functions cannot be `async` themselves).
pub type ChunkFuture<T> = Pin<Box<dyn Future<Output = T>>>;

/// Declares `pub async fn $name(args) -> Result<$ret, ChunkError>` whose body lives in chunk
/// `$chunk`.
macro_rules! lazy {
    ($chunk:ident, fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        pub fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::ChunkError> {
            Ok($body)
        }

        #[cfg(not(feature = "split"))]
        pub async fn $name($($arg: $ty),*) -> Result<$ret, $crate::lazy::ChunkError> {
            Ok($body)
        }
    };
}
pub(crate) use lazy;

/// Waits for a call into a chunk in the background; if the chunk cannot be downloaded, `failed`
/// goes to the console and `otherwise` runs. Not generic: one copy of the waiting code serves
/// every such call.
pub fn in_background(
    work: ChunkFuture<Result<(), ChunkError>>,
    failed: &'static str,
    otherwise: Option<Box<dyn FnOnce()>>,
) {
    leptos::task::spawn_local(async move {
        if work.await.is_err() {
            crate::browser::warn(failed);
            if let Some(f) = otherwise {
                f();
            }
        }
    });
}
