//! A bounded pool of threads that works through a list, at most a few items per host at a
//! time: a run over a thousand pages of one portal must not look like an attack on it, and
//! one slow host must not hold up the others.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, PoisonError};

/// Runs `work` on every item with at most `jobs` threads, and at most `per_host` items of one
/// host at a time (`host` tells an item's host; the empty host, local files, is bounded by
/// `jobs` alone). Results come back in the items' order; `done` is told of each as it ends.
pub fn run<T, R>(
    items: &[T],
    jobs: usize,
    per_host: usize,
    host: impl Fn(&T) -> &str + Sync,
    work: impl Fn(&T) -> R + Sync,
    done: impl Fn(&T, &R) + Sync,
) -> Vec<R>
where
    T: Sync,
    R: Send,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    let per_host = per_host.max(1);
    let queue = Mutex::new(Queue {
        waiting: (0..items.len()).collect(),
        busy: HashMap::new(),
    });
    let freed = Condvar::new();
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                while let Some(i) = next(&queue, &freed, items, per_host, &host) {
                    let result = work(&items[i]);
                    done(&items[i], &result);
                    *results[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(result);
                    let mut state = queue.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(count) = state.busy.get_mut(host(&items[i])) {
                        *count -= 1;
                    }
                    drop(state);
                    freed.notify_all();
                }
            });
        }
    });
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().unwrap_or_else(PoisonError::into_inner))
        .collect()
}

struct Queue {
    /// Items not started, in order.
    waiting: VecDeque<usize>,
    /// Items running, by host.
    busy: HashMap<String, usize>,
}

/// The first waiting item whose host has room, waiting for room if none has; `None` once
/// nothing is left to start.
fn next<T>(
    queue: &Mutex<Queue>,
    freed: &Condvar,
    items: &[T],
    per_host: usize,
    host: &impl Fn(&T) -> &str,
) -> Option<usize> {
    let mut state = queue.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if state.waiting.is_empty() {
            return None;
        }
        let room = |state: &Queue, i: usize| {
            let host = host(&items[i]);
            host.is_empty() || state.busy.get(host).copied().unwrap_or(0) < per_host
        };
        if let Some(at) = state.waiting.iter().position(|&i| room(&state, i)) {
            let i = state.waiting.remove(at)?;
            *state.busy.entry(host(&items[i]).to_string()).or_insert(0) += 1;
            return Some(i);
        }
        state = freed.wait(state).unwrap_or_else(PoisonError::into_inner);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[test]
    fn results_keep_their_order_and_hosts_their_bound() {
        let items: Vec<(String, usize)> = (0..24)
            .map(|i| (["甲.cn", "乙.cn", ""][i % 3].to_string(), i))
            .collect();
        let running: HashMap<&str, AtomicUsize> = ["甲.cn", "乙.cn", ""]
            .into_iter()
            .map(|h| (h, AtomicUsize::new(0)))
            .collect();
        let most: HashMap<&str, AtomicUsize> = ["甲.cn", "乙.cn", ""]
            .into_iter()
            .map(|h| (h, AtomicUsize::new(0)))
            .collect();
        let finished = AtomicUsize::new(0);
        let results = run(
            &items,
            6,
            2,
            |item| item.0.as_str(),
            |item| {
                let now = running[item.0.as_str()].fetch_add(1, Ordering::SeqCst) + 1;
                most[item.0.as_str()].fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(5));
                running[item.0.as_str()].fetch_sub(1, Ordering::SeqCst);
                item.1 * 10
            },
            |_, _| {
                finished.fetch_add(1, Ordering::SeqCst);
            },
        );
        assert_eq!(results, (0..24).map(|i| i * 10).collect::<Vec<_>>());
        assert_eq!(finished.load(Ordering::SeqCst), 24);
        assert!(most["甲.cn"].load(Ordering::SeqCst) <= 2);
        assert!(most["乙.cn"].load(Ordering::SeqCst) <= 2);
    }

    #[test]
    fn local_files_are_bounded_by_jobs_alone() {
        let items = vec![""; 8];
        let running = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        run(
            &items,
            4,
            1,
            |item| item,
            |_| {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(50));
                running.fetch_sub(1, Ordering::SeqCst);
            },
            |_, _| {},
        );
        assert!(most.load(Ordering::SeqCst) > 1, "{most:?}");
        assert!(most.load(Ordering::SeqCst) <= 4, "{most:?}");
    }

    #[test]
    fn an_empty_list_runs_nothing() {
        let results: Vec<usize> = run(&[] as &[usize], 4, 2, |_| "", |i| *i, |_, _| {});
        assert!(results.is_empty());
    }
}
