using System.Text.Json.Serialization;

namespace Command.Silo.Disputes;

/// <summary>What a dispute's journal records: its whole history, which nobody can edit afterwards.</summary>
[JsonDerivedType(typeof(DisputeRegistered), "registered")]
[JsonDerivedType(typeof(DisputeStepAdded), "step")]
[JsonDerivedType(typeof(DisputeDirectReported), "directReported")]
[JsonDerivedType(typeof(DisputeHandedOff), "handedOff")]
[JsonDerivedType(typeof(DisputeReceiptOverdue), "receiptOverdue")]
[JsonDerivedType(typeof(DisputeHandoffReceived), "received")]
[JsonDerivedType(typeof(DisputeHandoffResult), "result")]
[JsonDerivedType(typeof(DisputeClosed), "closed")]
[JsonDerivedType(typeof(DisputeCriminalLinked), "criminalLinked")]
public abstract record DisputeEvent;
