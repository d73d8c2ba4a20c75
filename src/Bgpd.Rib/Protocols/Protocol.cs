using Bgpd.Rib.Filtering;
using Bgpd.Rib.Tables;

namespace Bgpd.Rib.Protocols;

/// <summary>
/// Base of every routing protocol instance (BIRD's `struct proto`): name, state, channels and the
/// hooks the tables call. Every member is used on the routing loop only.
/// </summary>
public abstract class Protocol
{
    private readonly List<Channel> _channels = [];
    private bool _flushing;

    /// <summary>Creates a protocol in state down.</summary>
    protected Protocol(string name, RoutingLoop loop)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name;
        Loop = loop ?? throw new ArgumentNullException(nameof(loop));
        Since = loop.Time.GetUtcNow();
    }

    /// <summary>Instance name ("static1", "Mesh_10_99_0_2").</summary>
    public string Name { get; }
    /// <summary>Protocol class as BIRD prints it: "BGP", "Kernel", "Device", "Direct", "Static", "Pipe".</summary>
    public abstract string ClassName { get; }
    /// <summary>Preference of imported routes when the config gives none (BIRD's DEF_PREF_*).</summary>
    public abstract int DefaultPreference { get; }
    /// <summary>
    /// Keeps the temporary attributes (krt_metric, krt_source) its import filter sets. In BIRD 1.6
    /// only the kernel protocol does (store_tmp_attrs); on other protocols' routes they are dropped.
    /// </summary>
    public virtual bool StoresTemporaryAttributes => false;
    /// <summary>The routing loop that owns this protocol.</summary>
    public RoutingLoop Loop { get; }
    /// <summary>`description "..."`, or null.</summary>
    public string? Description { get; set; }
    /// <summary>Current state.</summary>
    public ProtocolState State { get; private set; }
    /// <summary>When the state last changed (`since` column).</summary>
    public DateTimeOffset Since { get; private set; }
    /// <summary>True when disabled (config `disabled`, `disable` command, or a limit with action disable).</summary>
    public bool Disabled { get; private set; }
    /// <summary>Message given with the last enable/disable/restart command, or a peer's shutdown communication (`Message:` line), or null.</summary>
    public string? Message { get; protected set; }
    /// <summary>Why the protocol was last shut down.</summary>
    public ProtocolDownCode DownCode { get; private set; }
    /// <summary>The channels, main channel first.</summary>
    public IReadOnlyList<Channel> Channels => _channels;
    /// <summary>The first channel (1.6's single table), or null.</summary>
    public Channel? MainChannel => _channels.Count > 0 ? _channels[0] : null;
    /// <summary>`debug { ... }`: which trace lines this protocol logs.</summary>
    public ProtocolDebug Debug { get; set; }

    /// <summary>Logs <c>name: message</c> as a trace line when <paramref name="flag"/> is switched on (BIRD's PD / TRACE).</summary>
    public void Trace(ProtocolDebug flag, string message)
    {
        if ((Debug & flag) != 0) Loop.Log(RibLogLevel.Trace, $"{Name}: {message}");
    }

    /// <summary>
    /// True for protocols whose start and stop complete later (BGP: the session); BIRD then traces
    /// "State changed to start" before they start and "State changed to stop" rather than "flush"
    /// when they leave up.
    /// </summary>
    protected virtual bool ChangesStateLater => false;

    /// <summary>
    /// 1.6 `proto_state_name`: "down", "start", "up", "wait" (see <see cref="ExportsWaiting"/>), "stop", "flush" (routes being removed),
    /// "feed" is not visible because feeding completes within one loop step.
    /// </summary>
    public string StateName => State switch
    {
        ProtocolState.Down => _flushing ? "flush" : "down",
        ProtocolState.Start => "start",
        ProtocolState.Up => ExportsWaiting ? "wait" : "up",
        _ => _flushing ? "flush" : "stop",
    };

    /// <summary>
    /// True while the protocol is up but holds its exports back (1.6 prints state "wait"; the kernel
    /// protocol during graceful-restart recovery). Override to report it.
    /// </summary>
    protected virtual bool ExportsWaiting => false;

    /// <summary>The `info` column of `show protocols` (BGP: session state; pipe: "=> table"); empty by default.</summary>
    public virtual string Info => "";

    /// <summary>Adds a channel; call from the constructor.</summary>
    protected Channel AddChannel(RoutingTable table, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        if (!ReferenceEquals(table.Loop, Loop)) throw new ArgumentException("table belongs to another routing loop", nameof(table));
        var channel = new Channel(this, table, options, DefaultPreference);
        _channels.Add(channel);
        return channel;
    }

    /// <summary>Starts the protocol unless disabled (BIRD proto_rethink_goal going up).</summary>
    public void Start()
    {
        if (Disabled || State != ProtocolState.Down) return;
        foreach (var channel in _channels) channel.ResetForStart();
        Trace(ProtocolDebug.States, "Starting");
        if (ChangesStateLater) Trace(ProtocolDebug.States, "State changed to start");
        SetState(ProtocolState.Start);
        SetState(OnStart());
    }

    /// <summary>Stops the protocol: withdraws its routes and calls <see cref="OnStop"/>.</summary>
    public void Stop(ProtocolDownCode code = ProtocolDownCode.None)
    {
        if (State is ProtocolState.Down or ProtocolState.Stop) return;
        DownCode = code;
        Trace(ProtocolDebug.States, "Shutting down");
        if (State != ProtocolState.Up || ChangesStateLater) Trace(ProtocolDebug.States, "State changed to stop");
        SetState(ProtocolState.Stop);
        SetState(OnStop());
    }

    /// <summary>`disable P ["message"]`: returns false when already disabled.</summary>
    public bool Disable(string? message = null)
    {
        if (Disabled) return false;
        Disabled = true;
        Message = message;
        Stop(ProtocolDownCode.CommandDisable);
        return true;
    }

    /// <summary>`enable P ["message"]`: returns false when already enabled.</summary>
    public bool Enable(string? message = null)
    {
        if (!Disabled) return false;
        Disabled = false;
        Message = message;
        Start();
        return true;
    }

    /// <summary>Marks the protocol disabled without stopping it (config `disabled`, before the first start).</summary>
    public void SetDisabledByConfig(bool disabled) => Disabled = disabled;

    /// <summary>`restart P ["message"]`: stop and start again (disabled protocols stay down).</summary>
    public void Restart(string? message = null)
    {
        Message = message;
        Stop(ProtocolDownCode.CommandRestart);
        if (State == ProtocolState.Down) Start();
        else _restartWhenDown = true;
    }

    private bool _restartWhenDown;

    /// <summary>`reload [in|out] P`: false when the protocol cannot reload (BIRD's "reload failed").</summary>
    public bool Reload(ReloadDirection direction = ReloadDirection.Both)
    {
        if (State != ProtocolState.Up) return true;
        if (direction != ReloadDirection.Out && (!ReloadsOnCommand || !ReloadImport())) return false;
        if (direction != ReloadDirection.In)
            foreach (var channel in _channels) channel.Refeed();
        return true;
    }

    /// <summary>
    /// Changes the state; the protocol calls it when its start or stop completes later (BGP session
    /// established / closed). Going up opens channels and feeds them; leaving up flushes routes.
    /// </summary>
    protected void SetState(ProtocolState state) => SetState(state, keepRoutes: false);

    /// <summary>
    /// As <see cref="SetState(ProtocolState)"/>; with <paramref name="keepRoutes"/>, leaving up closes the
    /// exports but leaves the imported routes in the tables (BGP graceful restart of the peer keeps them
    /// as stale). Kept routes are flushed when the protocol stops, unless it comes up again first.
    /// </summary>
    protected void SetState(ProtocolState state, bool keepRoutes)
    {
        if (state == State) return;
        var previous = State;
        State = state;
        Since = Loop.Time.GetUtcNow();
        if (state == ProtocolState.Up) _routesKept = false;
        if (state == ProtocolState.Up)
        {
            foreach (var channel in _channels)
            {
                Trace(ProtocolDebug.States, $"Connected to table {channel.Table.Name}");
                channel.ResetLimits();
                channel.IsImportActive = true;
                channel.Table.Attach(channel);
            }
            Trace(ProtocolDebug.States, "State changed to feed");
            if (AcceptsExports)
            {
                foreach (var channel in _channels)
                {
                    channel.IsExportActive = true;
                    channel.Feed(refeed: false);
                }
            }
        }
        else if (previous == ProtocolState.Up)
        {
            if (!ChangesStateLater) Trace(ProtocolDebug.States, "State changed to flush");
            _flushing = true;
            foreach (var channel in _channels)
            {
                channel.IsExportActive = false;
                channel.Stats.ExportedRoutes = 0;
                channel.Table.Detach(channel);
            }
            if (keepRoutes) _routesKept = true;
            else FlushImports();
            _flushing = false;
        }
        else if (_routesKept && state is ProtocolState.Stop or ProtocolState.Down)
        {
            _routesKept = false;
            _flushing = true;
            FlushImports();
            _flushing = false;
        }
        if (state == ProtocolState.Down) Trace(ProtocolDebug.States, "State changed to down");
        OnStateChanged(previous, state);
        // After the protocol's own start work (a static protocol's routes), as BIRD's feed completes later.
        if (state == ProtocolState.Up) Trace(ProtocolDebug.States, "State changed to up");
        if (state == ProtocolState.Down && _restartWhenDown)
        {
            _restartWhenDown = false;
            Start();
        }
    }

    private bool _routesKept;

    /// <summary>
    /// For a protocol that goes down and starts again by itself (BGP after losing its session, BIRD's
    /// bgp_stop and restart): its channels start afresh as in <see cref="Start"/> (counters, limits).
    /// </summary>
    protected void ResetChannelsForRestart()
    {
        foreach (var channel in _channels) channel.ResetForStart();
    }

    private void FlushImports()
    {
        foreach (var channel in _channels)
        {
            channel.Table.Flush(channel);
            channel.IsImportActive = false;
        }
    }

    internal void ShutdownForLimit(bool restart, ProtocolDownCode code)
    {
        if (State != ProtocolState.Up) return;
        if (restart)
        {
            Stop(code);
            if (State == ProtocolState.Down) Start();
            else _restartWhenDown = true;
            return;
        }
        Disabled = true;
        Stop(code);
    }

    internal void DeliverExport(Channel channel, in RouteExport change) => OnExport(channel, change);
    internal ExportPrecheck RunPrecheck(Channel channel, Route route) => PrecheckExport(channel, route);
    internal bool RunIsBetter(Route candidate, Route current) => IsBetter(candidate, current);
    internal bool RunIsMergeable(Route primary, Route secondary) => IsMergeable(primary, secondary);
    internal bool RunRecalculateHook(Network net, Route? created, Route? old, Route? oldBest) => RecalculateHook(net, created, old, oldBest);

    /// <summary>
    /// BIRD's rte_recalculate hook, called when a route of this protocol is added (<paramref name="created"/>,
    /// not yet linked), replaced or removed (<paramref name="old"/>, already unlinked): the protocol may
    /// mark routes <see cref="Route.Suppressed"/>; true forces a full best-route search of the network.
    /// </summary>
    protected virtual bool RecalculateHook(Network net, Route? created, Route? old, Route? oldBest) => false;
    internal bool PassesUnfilteredWithdraws => WantsUnfilteredWithdraws;
    internal bool RunReloadImport() => ReloadImport();

    /// <summary>Start hook: returns Up when running at once, Start when it completes later (then call SetState).</summary>
    protected virtual ProtocolState OnStart() => ProtocolState.Up;

    /// <summary>Stop hook (routes are already flushed): returns Down, or Stop when it completes later.</summary>
    protected virtual ProtocolState OnStop() => ProtocolState.Down;

    /// <summary>Called after every state change.</summary>
    protected virtual void OnStateChanged(ProtocolState previous, ProtocolState current)
    {
    }

    /// <summary>`reload in`: re-announce imported routes; false when the protocol cannot (static, direct, device in 1.6).</summary>
    protected virtual bool ReloadImport() => false;

    /// <summary>True when <see cref="ReloadImport"/> works (override together with it); used by soft reconfiguration.</summary>
    public virtual bool CanReloadImport => false;

    /// <summary>True when `reload [in]` may use <see cref="ReloadImport"/> (BIRD 1.6 static cannot, though it re-announces on reconfigure).</summary>
    protected virtual bool ReloadsOnCommand => CanReloadImport;

    /// <summary>Export hook (BIRD rt_notify): a table change that passed the channel's export filter.</summary>
    protected virtual void OnExport(Channel channel, in RouteExport change)
    {
    }

    /// <summary>BIRD's import_control, run before the export filter: reject or force-accept a route for this protocol.</summary>
    protected virtual ExportPrecheck PrecheckExport(Channel channel, Route route) => ExportPrecheck.Continue;

    /// <summary>
    /// True for protocols whose import_control also creates the attributes a route leaves with
    /// (BGP): <see cref="PrepareExport"/> then runs on every exported route, before the export filter.
    /// </summary>
    protected virtual bool PreparesExports => false;

    /// <summary>
    /// BIRD 1.6's import_control temporary attributes: writes into <paramref name="editor"/> (loaded
    /// with <paramref name="route"/>) what the route will leave with, so that the export filter, `show
    /// route export` and the protocol all see them. Only called when <see cref="PreparesExports"/>.
    /// </summary>
    protected virtual void PrepareExport(Channel channel, Route route, RouteEditor editor)
    {
    }

    internal bool RunsPrepareExport => PreparesExports;
    internal void RunPrepareExport(Channel channel, Route route, RouteEditor editor) => PrepareExport(channel, route, editor);

    /// <summary>
    /// BIRD's rte_better for two valid routes of this protocol class with equal preference:
    /// true when <paramref name="candidate"/> should win over <paramref name="current"/>.
    /// </summary>
    protected virtual bool IsBetter(Route candidate, Route current) => false;

    /// <summary>False for protocols that never take routes from tables (static, direct, device): nothing is exported or counted.</summary>
    protected virtual bool AcceptsExports => true;

    /// <summary>
    /// BIRD's rte_mergable: true when <paramref name="secondary"/> (same class and preference as the best
    /// route <paramref name="primary"/>) is good enough for its next hops to join a merged route. BGP overrides.
    /// </summary>
    protected virtual bool IsMergeable(Route primary, Route secondary) => false;

    /// <summary>Pipes set this so withdraws pass even when the export filter rejects the old route.</summary>
    protected virtual bool WantsUnfilteredWithdraws => false;

    /// <summary>
    /// Appends protocol-specific lines for `show protocols all` (without the "1006-" prefix), e.g. the
    /// BGP block; the daemon prints the generic preference/filter/stats block from <see cref="Channels"/>.
    /// </summary>
    public virtual void AppendDetails(IList<string> lines)
    {
    }

    /// <summary>
    /// The 1.6 `Routes:` and `Route change stats:` lines; protocols with special accounting (pipe)
    /// override. Lines without the "1006-" prefix. Empty when the protocol is down.
    /// </summary>
    public virtual void AppendRouteStatistics(IList<string> lines)
    {
        if (State == ProtocolState.Down || MainChannel is not { } channel) return;
        ProtocolStatsFormatter.Append16(lines, channel);
    }

    public override string ToString() => $"{Name} ({ClassName}, {StateName})";
}
