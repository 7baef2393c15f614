//! The vendors whose wire formats catalogs use.

use core::fmt;

/// The vendor whose wire format a catalog uses.
///
/// Adding a vendor: a variant here (with its spec name in
/// [`Vendor::as_str`]), its wire format in the runtime's `wire` module.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Vendor {
    /// Huawei Cloud: `{"error_code", "error_msg"}`, request id in `X-Request-Id`.
    Huawei,
    /// Tencent Cloud API 3.0: HTTP 200 with `{"Response": {"Error": {...}, "RequestId"}}`.
    Tencent,
    /// Alibaba Cloud: `{"RequestId", "HostId", "Code", "Message", "Recommend"}`.
    Alibaba,
}

impl Vendor {
    /// Every vendor.
    pub const ALL: &'static [Vendor] = &[Vendor::Huawei, Vendor::Tencent, Vendor::Alibaba];

    /// The name used in specs (`vendor: huawei`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Vendor::Huawei => "huawei",
            Vendor::Tencent => "tencent",
            Vendor::Alibaba => "alibaba",
        }
    }

    /// Parses a spec name.
    pub fn from_name(name: &str) -> Option<Vendor> {
        Vendor::ALL.iter().copied().find(|v| v.as_str() == name)
    }
}

impl fmt::Display for Vendor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &v in Vendor::ALL {
            assert_eq!(Vendor::from_name(v.as_str()), Some(v));
        }
        assert_eq!(Vendor::from_name("aws"), None);
    }
}
