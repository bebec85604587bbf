//! What axe-core cannot check, measured on the page as a resident's phone shows it: no sideways
//! scrolling at 320 CSS px with normal and doubled text, touch targets of 44 × 44 px, phone
//! numbers as unbroken `tel:` links, names only where a role takes one, and what a screen reader
//! gets from Chromium's own accessibility tree (one `h1`, headings in order, every control named,
//! every radio in a named group).

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::{Value, json};

use crate::browser::{Browser, Viewport, cdp};

/// One rule broken by one element.
#[derive(Debug, Deserialize, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub element: String,
    pub detail: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "[{}] {} — {}", self.rule, self.element, self.detail)
    }
}

const PAGE_CHECKS: &str = include_str!("inspect.js");

/// The narrowest phone WCAG 1.4.10 asks a page to fit.
const NARROW: (u32, u32) = (320, 640);

impl Browser {
    async fn page_checks(&self, rules: &[&str]) -> Result<Vec<Finding>, String> {
        let value = self
            .client
            .execute(PAGE_CHECKS, vec![json!(rules)])
            .await
            .map_err(|e| format!("run the page checks: {e}"))?;
        serde_json::from_value(value).map_err(|e| format!("the page checks' findings: {e}"))
    }

    async fn device_metrics(&self, (width, height): (u32, u32)) -> Result<(), String> {
        self.client
            .issue_cmd(cdp(
                "Emulation.setDeviceMetricsOverride",
                json!({ "width": width, "height": height, "deviceScaleFactor": 2, "mobile": true }),
            ))
            .await
            .map(drop)
            .map_err(|e| format!("set the viewport to {width} px: {e}"))
    }

    async fn root_font_size(&self, size: &str) -> Result<(), String> {
        // Through the CSSOM, which the CSP allows (an inline style attribute it would refuse).
        self.client
            .execute_async(
                "const done = arguments[1];
                 document.documentElement.style.fontSize = arguments[0];
                 requestAnimationFrame(() => requestAnimationFrame(() => done(null)));",
                vec![json!(size)],
            )
            .await
            .map(drop)
            .map_err(|e| format!("set the text size to {size}: {e}"))
    }

    /// Every rule on the page as it is now. On a phone-sized session the page is also laid out
    /// at 320 px, with normal text and with the text at 200 %, then put back as it was.
    pub async fn inspect(&self) -> Result<Vec<Finding>, String> {
        let width = self.script("return window.innerWidth").await?;
        let on_a_phone = width.as_u64().is_some_and(|w| w <= 400);
        // Touch targets matter where there is touch: the phone-sized session.
        let rules: &[&str] = if on_a_phone {
            &["targets", "phone-numbers", "names", "announcements"]
        } else {
            &["phone-numbers", "names", "announcements"]
        };
        let mut findings = self.page_checks(rules).await?;
        findings.extend(self.accessibility_tree().await?);
        if on_a_phone {
            findings.extend(self.reflow().await?);
        }
        Ok(findings)
    }

    /// WCAG 1.4.10 and 1.4.4 together: the page laid out 320 px wide, with normal text and with
    /// the text at 200 %, neither scrolls sideways nor clips; then the phone is put back.
    pub async fn reflow(&self) -> Result<Vec<Finding>, String> {
        self.device_metrics(NARROW).await?;
        let mut findings = tagged(self.page_checks(&["reflow"]).await?, "320 px");
        self.root_font_size("200%").await?;
        let large = self.page_checks(&["reflow"]).await;
        self.root_font_size("").await?;
        findings.extend(tagged(large?, "320 px, text 200 %"));
        self.set_viewport(Viewport::Mobile).await?;
        Ok(findings)
    }

    /// Chromium's accessibility tree, as a screen reader receives it.
    async fn accessibility_tree(&self) -> Result<Vec<Finding>, String> {
        let tree = self
            .client
            .issue_cmd(cdp("Accessibility.getFullAXTree", json!({})))
            .await
            .map_err(|e| format!("read the accessibility tree: {e}"))?;
        let nodes: Vec<AxNode> = serde_json::from_value(tree["nodes"].clone())
            .map_err(|e| format!("the accessibility tree: {e}"))?;
        Ok(AxTree::new(nodes).findings())
    }
}

fn tagged(findings: Vec<Finding>, at: &str) -> Vec<Finding> {
    findings
        .into_iter()
        .map(|f| Finding {
            detail: format!("{} (at {at})", f.detail),
            ..f
        })
        .collect()
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AxNode {
    node_id: String,
    #[serde(default)]
    ignored: bool,
    role: Option<AxValue>,
    name: Option<AxValue>,
    #[serde(default)]
    properties: Vec<AxProperty>,
    #[serde(default)]
    child_ids: Vec<String>,
    parent_id: Option<String>,
}

#[derive(Debug, Deserialize)]
struct AxValue {
    value: Option<Value>,
}

#[derive(Debug, Deserialize)]
struct AxProperty {
    name: String,
    value: AxValue,
}

impl AxNode {
    fn role(&self) -> &str {
        self.role
            .as_ref()
            .and_then(|r| r.value.as_ref())
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    fn name(&self) -> &str {
        self.name
            .as_ref()
            .and_then(|n| n.value.as_ref())
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
    }

    fn level(&self) -> Option<u64> {
        self.properties
            .iter()
            .find(|p| p.name == "level")
            .and_then(|p| p.value.value.as_ref())
            .and_then(Value::as_u64)
    }

    fn describe(&self) -> String {
        format!("{} \"{}\"", self.role(), self.name())
    }
}

/// The roles a resident operates, each of which a screen reader must be able to name.
const CONTROLS: &[&str] = &[
    "button",
    "link",
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "checkbox",
    "radio",
    "switch",
    "spinbutton",
    "slider",
    "DisclosureTriangle",
];

struct AxTree {
    nodes: HashMap<String, AxNode>,
    root: Option<String>,
}

impl AxTree {
    fn new(nodes: Vec<AxNode>) -> AxTree {
        let root = nodes
            .iter()
            .find(|n| n.parent_id.is_none())
            .map(|n| n.node_id.clone());
        AxTree {
            nodes: nodes.into_iter().map(|n| (n.node_id.clone(), n)).collect(),
            root,
        }
    }

    /// The nodes a screen reader meets, in reading order.
    fn in_order(&self) -> Vec<&AxNode> {
        let mut order = Vec::new();
        let mut stack: Vec<&str> = self.root.iter().map(String::as_str).collect();
        while let Some(id) = stack.pop() {
            let Some(node) = self.nodes.get(id) else {
                continue;
            };
            if !node.ignored {
                order.push(node);
            }
            stack.extend(node.child_ids.iter().rev().map(String::as_str));
        }
        order
    }

    fn ancestors<'a>(&'a self, node: &'a AxNode) -> impl Iterator<Item = &'a AxNode> + 'a {
        std::iter::successors(
            node.parent_id.as_deref().and_then(|p| self.nodes.get(p)),
            |n| n.parent_id.as_deref().and_then(|p| self.nodes.get(p)),
        )
    }

    fn findings(&self) -> Vec<Finding> {
        let finding = |element: String, detail: String| Finding {
            rule: "accessibility-tree".into(),
            element,
            detail,
        };
        let mut findings = Vec::new();
        let order = self.in_order();
        let headings: Vec<(&AxNode, u64)> = order
            .iter()
            .filter(|n| n.role() == "heading")
            .map(|n| (*n, n.level().unwrap_or(2)))
            .collect();
        let first_level = headings.iter().filter(|(_, level)| *level == 1).count();
        if first_level != 1 {
            findings.push(finding(
                "the page".into(),
                format!("{first_level} headings of level 1, where a page has exactly one"),
            ));
        }
        // An error summary's h2 may come before the h1 (as GOV.UK places it): that skips no level.
        for pair in headings.windows(2) {
            let ((_, before), (node, level)) = (pair[0], pair[1]);
            if level > before + 1 {
                findings.push(finding(
                    node.describe(),
                    format!("level {level} follows level {before}: a level is skipped"),
                ));
            }
        }
        for node in &order {
            if CONTROLS.contains(&node.role()) && node.name().is_empty() {
                findings.push(finding(node.describe(), "a control without a name".into()));
            }
            if node.role() == "radio" {
                let grouped = self
                    .ancestors(node)
                    .any(|a| matches!(a.role(), "radiogroup" | "group") && !a.name().is_empty());
                if !grouped {
                    findings.push(finding(
                        node.describe(),
                        "a radio button outside a named group".into(),
                    ));
                }
            }
        }
        findings
    }
}
