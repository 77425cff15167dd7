//! Reporting pressure (举报商家施压): a seller who demanded, induced or pressured the shopper
//! to withdraw the complaint. Withdrawal must be the shopper's free choice, so instead of (or
//! as well as) withdrawing, the owner reports it to customer service.

use crate::actor::{Actor, ComplaintFacts};
use crate::status::ComplaintStatus;
use crate::withdrawal::Blocked;

/// May the actor report pressure on this complaint? Its owner may, while it is open:
/// pending, processing, and in arbitration too (the pressure matters most then). Real-name
/// verification is not required (the report asks for nothing to be done in their name).
/// Refused: not the owner (`NotOwner`, answered 404 like a missing complaint); withdrawn
/// (`AlreadyWithdrawn`); resolved or closed (`Finished`).
pub fn check_pressure_report(complaint: &ComplaintFacts, actor: &Actor) -> Result<(), Blocked> {
    if complaint.owner != actor.id {
        return Err(Blocked::NotOwner);
    }
    match complaint.status {
        ComplaintStatus::Withdrawn => Err(Blocked::AlreadyWithdrawn),
        status if status.is_terminal() => Err(Blocked::Finished { status }),
        _ => Ok(()),
    }
}
