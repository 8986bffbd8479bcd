//! The import circles of a [`Graph`]: its strongly connected components, and one shortest cycle
//! through each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::graph::Graph;

impl Graph {
    fn successors<'a>(&'a self, file: &'a Path) -> impl Iterator<Item = &'a PathBuf> + 'a {
        self.edges
            .keys()
            .filter(move |(from, _)| from == file)
            .map(|(_, to)| to)
    }

    /// Every import circle: the sets of files that reach each other (the strongly connected
    /// components with more than one file), each sorted, in the order of their first file.
    pub fn circles(&self) -> Vec<Vec<PathBuf>> {
        // Tarjan's algorithm, iteratively.
        let nodes: Vec<&PathBuf> = self.files.keys().collect();
        let index_of: BTreeMap<&PathBuf, usize> =
            nodes.iter().enumerate().map(|(i, n)| (*n, i)).collect();
        let succ: Vec<Vec<usize>> = nodes
            .iter()
            .map(|n| {
                self.successors(n)
                    .filter_map(|s| index_of.get(s).copied())
                    .collect()
            })
            .collect();
        let n = nodes.len();
        let (mut index, mut low, mut on_stack) = (vec![usize::MAX; n], vec![0; n], vec![false; n]);
        let mut stack = Vec::new();
        let mut next = 0;
        let mut out = Vec::new();
        for start in 0..n {
            if index[start] != usize::MAX {
                continue;
            }
            let mut work = vec![(start, 0usize)];
            index[start] = next;
            low[start] = next;
            next += 1;
            stack.push(start);
            on_stack[start] = true;
            while let Some(&mut (v, ref mut k)) = work.last_mut() {
                if let Some(&w) = succ[v].get(*k) {
                    *k += 1;
                    if index[w] == usize::MAX {
                        index[w] = next;
                        low[w] = next;
                        next += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        work.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    let mut component = Vec::new();
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component.push(nodes[w].clone());
                        if w == v {
                            break;
                        }
                    }
                    if component.len() > 1 {
                        component.sort();
                        out.push(component);
                    }
                }
            }
        }
        out.sort();
        out
    }

    /// A shortest cycle through `circle`'s first file, within `circle`: the files in order, the
    /// first again at the end.
    pub fn cycle_through(&self, circle: &[PathBuf]) -> Vec<PathBuf> {
        let start = &circle[0];
        let mut came_from: BTreeMap<&PathBuf, &PathBuf> = BTreeMap::new();
        let mut frontier = vec![start];
        while !frontier.is_empty() {
            let mut next = Vec::new();
            for v in frontier {
                for w in self.successors(v).filter(|w| circle.contains(w)) {
                    if w == start {
                        let mut path = vec![start.clone()];
                        let mut at = v;
                        while at != start {
                            path.push(at.clone());
                            at = came_from[at];
                        }
                        path.push(start.clone());
                        path.reverse();
                        return path;
                    }
                    if !came_from.contains_key(w) {
                        came_from.insert(w, v);
                        next.push(w);
                    }
                }
            }
            frontier = next;
        }
        circle.to_vec()
    }
}
