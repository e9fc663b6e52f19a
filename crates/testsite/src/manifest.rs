//! The ground-truth manifest written by `xunwang testsite serve`.

use serde::{Deserialize, Serialize};

use crate::scenario::{Behaviour, PageEncoding, SiteKind};
use crate::world::{ColumnStyle, OUTSIDE, World};

/// What the served world is and what is wrong with it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// 监测时间点, RFC 3339.
    pub now: String,
    /// Scenario name.
    pub scenario: String,
    /// Seed.
    pub seed: u64,
    /// The government sites.
    pub sites: Vec<ManifestSite>,
    /// `HOST=IP:PORT` for every host served.
    pub resolve: Vec<String>,
    /// Hosts of the outside world.
    pub outside: Vec<String>,
    /// Planted faults: what a correct inspection must find.
    pub faults: Vec<ManifestFault>,
    /// Things that look like faults but are not: a correct inspection must not report them.
    pub decoys: Vec<ManifestFault>,
    /// Behaviours switched on.
    pub behaviours: Vec<Behaviour>,
}

/// One site.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestSite {
    /// Name.
    pub name: String,
    /// Home URL.
    pub home: String,
    /// Portal or department.
    pub kind: SiteKind,
    /// Registered 网站标识码.
    pub site_code: String,
    /// Host name.
    pub host: String,
    /// Encoding and labelling of its pages.
    pub encoding: PageEncoding,
    /// Pages served.
    pub pages: u64,
    /// Its columns (栏目).
    pub columns: Vec<ManifestColumn>,
}

/// One column.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestColumn {
    /// Name.
    pub name: String,
    /// First list page.
    pub url: String,
    /// news | notice | policy | periodic | static | interaction | channel.
    pub class: String,
    /// 1 = first level.
    pub level: u8,
    /// Items.
    pub items: u32,
    /// Newest item (`YYYY-MM-DD HH:MM`).
    pub newest: Option<String>,
}

/// One fault or decoy.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ManifestFault {
    /// Finding kind id.
    pub kind: String,
    /// Home URL of the site.
    pub site: String,
    /// URL a correct finding carries.
    pub url: String,
    /// Evidence and parameters.
    pub detail: serde_json::Value,
}

impl Manifest {
    /// The manifest of a world served at `addr` (`127.0.0.1:PORT`).
    pub fn of(world: &World, addr: &str) -> Manifest {
        let conv = |f: &crate::world::Fault| ManifestFault {
            kind: f.kind.id().to_owned(),
            site: f.site.clone(),
            url: f.url.clone(),
            detail: f.detail.clone(),
        };
        let sites = world
            .sites
            .iter()
            .map(|s| ManifestSite {
                name: s.name.clone(),
                home: s.home(),
                kind: s.kind,
                site_code: s.site_code.clone(),
                host: s.host.clone(),
                encoding: s.encoding,
                pages: s.page_count(),
                columns: s
                    .columns
                    .iter()
                    .enumerate()
                    .map(|(ci, c)| ManifestColumn {
                        name: c.name.clone(),
                        url: format!("{}{}", s.origin, c.path),
                        class: if c.style == ColumnStyle::Channel {
                            "channel".into()
                        } else {
                            serde_json::to_value(c.class)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_owned))
                                .unwrap_or_default()
                        },
                        level: c.level,
                        items: c.count,
                        newest: (c.count > 0 && c.style == ColumnStyle::List).then(|| {
                            s.item(world, ci, 0)
                                .when
                                .format(crate::truth::DATE_FMT)
                                .to_string()
                        }),
                    })
                    .collect(),
            })
            .collect();
        let resolve = if world.single_host {
            Vec::new()
        } else {
            world
                .hosts()
                .into_iter()
                .map(|h| format!("{h}={addr}"))
                .collect()
        };
        Manifest {
            now: world.now.to_rfc3339(),
            scenario: world.scenario.clone(),
            seed: world.seed,
            sites,
            resolve,
            outside: if world.single_host {
                Vec::new()
            } else {
                OUTSIDE.iter().map(|(h, _, _)| (*h).to_owned()).collect()
            },
            faults: world.faults.iter().map(conv).collect(),
            decoys: world.decoys.iter().map(conv).collect(),
            behaviours: world.behaviours.clone(),
        }
    }
}

/// How well one finding kind was found, against the manifest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindScore {
    /// Finding kind id.
    pub kind: String,
    /// Planted faults of this kind.
    pub expected: usize,
    /// Distinct findings of this kind reported.
    pub reported: usize,
    /// Reported and planted.
    pub hits: usize,
    /// Planted but not reported (`site url`).
    pub missed: Vec<String>,
    /// Reported but not planted (`site url`); decoys reported are among them.
    pub false_alarms: Vec<String>,
    /// Decoys of this kind that were reported (a subset of `false_alarms`).
    pub decoys_reported: Vec<String>,
}

impl KindScore {
    /// hits / reported; 1 when nothing was reported and nothing expected.
    pub fn precision(&self) -> f64 {
        if self.reported == 0 {
            if self.expected == 0 { 1.0 } else { 0.0 }
        } else {
            self.hits as f64 / self.reported as f64
        }
    }

    /// hits / expected; 1 when nothing was expected.
    pub fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.hits as f64 / self.expected as f64
        }
    }
}

impl Manifest {
    /// Scores reported `(kind, site, url)` findings against the planted faults, for every kind
    /// whose id starts with one of `prefixes` (`"column."`, `"home.stale"`…). A finding matches
    /// a fault of the same kind, site and URL; duplicates count once.
    pub fn score<'a>(
        &self,
        reported: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
        prefixes: &[&str],
    ) -> Vec<KindScore> {
        use std::collections::{BTreeMap, BTreeSet};
        let wanted = |k: &str| prefixes.iter().any(|p| k.starts_with(p));
        let key = |site: &str, url: &str| format!("{site} {url}");
        /// Planted, reported and decoy locations of one kind.
        type Sets = (BTreeSet<String>, BTreeSet<String>, BTreeSet<String>);
        let mut kinds: BTreeMap<String, Sets> = BTreeMap::new();
        for f in self.faults.iter().filter(|f| wanted(&f.kind)) {
            kinds
                .entry(f.kind.clone())
                .or_default()
                .0
                .insert(key(&f.site, &f.url));
        }
        for d in self.decoys.iter().filter(|f| wanted(&f.kind)) {
            kinds
                .entry(d.kind.clone())
                .or_default()
                .2
                .insert(key(&d.site, &d.url));
        }
        for (kind, site, url) in reported {
            if wanted(kind) {
                kinds
                    .entry(kind.to_owned())
                    .or_default()
                    .1
                    .insert(key(site, url));
            }
        }
        kinds
            .into_iter()
            .map(|(kind, (truth, found, decoys))| KindScore {
                expected: truth.len(),
                reported: found.len(),
                hits: found.intersection(&truth).count(),
                missed: truth.difference(&found).cloned().collect(),
                false_alarms: found.difference(&truth).cloned().collect(),
                decoys_reported: found.intersection(&decoys).cloned().collect(),
                kind,
            })
            .collect()
    }
}
