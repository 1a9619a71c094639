namespace Command.Silo.Disputes;

/// <summary>直报: a 重大 dispute reported straight to its county, whatever level registered it.</summary>
public sealed record DisputeDirectReported(string CountyId, string CountyName) : DisputeEvent;
