using Orleans;

namespace Command.Abstractions.Incidents;

/// <summary>The day's 接警登记簿: hands out the running number of each call received that day. Keyed by the local date, yyyyMMdd.</summary>
public interface IIncidentRegisterGrain : IGrainWithStringKey
{
    Task<int> Next(string incidentId);
}
