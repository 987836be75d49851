<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../evodesk/ui/widgets.py" line="121"/>
        <location filename="../../evodesk/ui/widgets.py" line="122"/>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="102"/>
        <source>Configure %1</source>
        <translation>Configure %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="137"/>
        <source>Webhook and WebSocket cannot be active at the same time: activating one deactivates the other.</source>
        <translation>Webhook and WebSocket cannot be active at the same time: activating one deactivates the other.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="140"/>
        <source>Keep webhook</source>
        <translation>Keep webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="142"/>
        <source>Keep WebSocket</source>
        <translation>Keep WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="151"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="163"/>
        <source>Restart instance now</source>
        <translation>Restart instance now</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="196"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="258"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="199"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="262"/>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="211"/>
        <source>One URL per event (byEvents)</source>
        <translation>One URL per event (byEvents)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="213"/>
        <source>Base64 media (recommended)</source>
        <translation>Base64 media (recommended)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="215"/>
        <source>Evolution puts images, audio and documents in the event itself. The server applies a change after the instance restarts.</source>
        <translation>Evolution puts images, audio and documents in the event itself. The server applies a change after the instance restarts.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="218"/>
        <source>Test webhook</source>
        <translation>Test webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="220"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="354"/>
        <source>Apply webhook</source>
        <translation>Apply webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="233"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="237"/>
        <source>Headers</source>
        <translation>Headers</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="244"/>
        <source>In WebSocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation>In WebSocket mode media arrive without base64: base64 belongs to the webhook.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="247"/>
        <source>Apply events</source>
        <translation>Apply events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="259"/>
        <source>Evolution POSTs each event to your URL.</source>
        <translation>Evolution POSTs each event to your URL.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="263"/>
        <source>evodesk holds a live connection and receives the events itself.</source>
        <translation>evodesk holds a live connection and receives the events itself.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="354"/>
        <source>Activate webhook</source>
        <translation>Activate webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="369"/>
        <source>Live connection: %1</source>
        <translation>Live connection: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="381"/>
        <source>Events go to %1 and so on.</source>
        <translation>Events go to %1 and so on.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="414"/>
        <source>Enter the webhook URL and choose events, then press “Activate webhook”.</source>
        <translation>Enter the webhook URL and choose events, then press “Activate webhook”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="430"/>
        <source>Choose the events to receive (or tick “All events”), then turn WebSocket on.</source>
        <translation>Choose the events to receive (or tick “All events”), then turn WebSocket on.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="451"/>
        <source>Sending a test event…</source>
        <translation>Sending a test event…</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="122"/>
        <source>evodesk is still running</source>
        <translation>evodesk is still running</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="123"/>
        <source>It keeps listening in the tray. To stop it, choose Quit in the tray menu.</source>
        <translation>It keeps listening in the tray. To stop it, choose Quit in the tray menu.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="133"/>
        <location filename="../../evodesk/ui/desktop.py" line="134"/>
        <source>Quit evodesk?</source>
        <translation>Quit evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="136"/>
        <source>There is no system tray on this desktop, so evodesk stops listening when its window closes.</source>
        <translation>There is no system tray on this desktop, so evodesk stops listening when its window closes.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="139"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="140"/>
        <source>Keep running</source>
        <translation>Keep running</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="158"/>
        <source>No system tray</source>
        <translation>No system tray</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="159"/>
        <source>This desktop has no system tray.</source>
        <translation>This desktop has no system tray.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="161"/>
        <source>evodesk keeps listening only while its window is open; closing the window will ask whether to quit.</source>
        <translation>evodesk keeps listening only while its window is open; closing the window will ask whether to quit.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="211"/>
        <source>Could not change starting with the session</source>
        <translation>Could not change starting with the session</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="32"/>
        <source>All events (Evolution sends every event)</source>
        <translation>All events (Evolution sends every event)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="34"/>
        <source>Select all</source>
        <translation>Select all</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="36"/>
        <source>Select none</source>
        <translation>Select none</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="72"/>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="83"/>
        <source>On the wire: %1</source>
        <translation>On the wire: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="91"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="92"/>
        <source>Contacts and chats</source>
        <translation>Contacts and chats</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="93"/>
        <source>Groups</source>
        <translation>Groups</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="94"/>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="95"/>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="145"/>
        <source>Evolution will send every event, including chats, contacts and presence: expect a lot of traffic.</source>
        <translation>Evolution will send every event, including chats, contacts and presence: expect a lot of traffic.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="149"/>
        <source>No event chosen. Evolution treats an empty list as every event, so evodesk asks you to choose events or tick “All events”.</source>
        <translation>No event chosen. Evolution treats an empty list as every event, so evodesk asks you to choose events or tick “All events”.</translation>
    </message>
</context>
<context>
    <name>EventSummary</name>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="104"/>
        <source>status: %1</source>
        <translation>status: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="106"/>
        <source>connection: %1</source>
        <translation>connection: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="112"/>
        <source>QR code updated</source>
        <translation>QR code updated</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="121"/>
        <source>me → %1</source>
        <translation>me → %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="137"/>
        <source>[message]</source>
        <translation>[message]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="145"/>
        <source>[image]</source>
        <translation>[image]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="147"/>
        <source>[video]</source>
        <translation>[video]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="149"/>
        <source>[audio]</source>
        <translation>[audio]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="151"/>
        <source>[document]</source>
        <translation>[document]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="153"/>
        <source>[sticker]</source>
        <translation>[sticker]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="155"/>
        <source>[location]</source>
        <translation>[location]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="157"/>
        <source>[contact]</source>
        <translation>[contact]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="159"/>
        <source>[poll]</source>
        <translation>[poll]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="161"/>
        <source>[reaction]</source>
        <translation>[reaction]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="179"/>
        <source>offline since %1</source>
        <translation>offline since %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="180"/>
        <source>offline %1 → %2</source>
        <translation>offline %1 → %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="184"/>
        <source>offline on %1 since %2</source>
        <translation>offline on %1 since %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="185"/>
        <source>offline on %1 %2 → %3</source>
        <translation>offline on %1 %2 → %3</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Server / instance</source>
        <translation>Server / instance</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="102"/>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="102"/>
        <source>Duplicate</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="148"/>
        <source>gap</source>
        <translation>gap</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="152"/>
        <source>duplicate</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="201"/>
        <source>instance #%1</source>
        <translation>instance #%1</translation>
    </message>
</context>
<context>
    <name>EventsWindow</name>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="98"/>
        <source>evodesk — Events</source>
        <translation>evodesk — Events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="142"/>
        <source>Live events are off in this window: showing stored events only.</source>
        <translation>Live events are off in this window: showing stored events only.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="159"/>
        <source>All instances</source>
        <translation>All instances</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="162"/>
        <source>All events</source>
        <translation>All events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="166"/>
        <source>Search the summary and the JSON…</source>
        <translation>Search the summary and the JSON…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="168"/>
        <location filename="../../evodesk/ui/events_window.py" line="348"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="170"/>
        <source>Hold new events; they are shown on resume</source>
        <translation>Hold new events; they are shown on resume</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="178"/>
        <source>Load older</source>
        <translation>Load older</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="179"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="180"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="181"/>
        <source>Copy the selected event as JSON</source>
        <translation>Copy the selected event as JSON</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="182"/>
        <source>Copy all</source>
        <translation>Copy all</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="183"/>
        <source>Copy the events shown as JSON Lines</source>
        <translation>Copy the events shown as JSON Lines</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="184"/>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="185"/>
        <source>Save the events shown as a JSON Lines file</source>
        <translation>Save the events shown as a JSON Lines file</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="226"/>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="226"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="346"/>
        <source>Resume (%1 waiting)</source>
        <translation>Resume (%1 waiting)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="393"/>
        <source>%1 live events were dropped for this view: it fell behind.</source>
        <translation>%1 live events were dropped for this view: it fell behind.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="399"/>
        <source>%1 events could not be stored in the database; the log says why.</source>
        <translation>%1 events could not be stored in the database; the log says why.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="404"/>
        <source>Clear (%1)</source>
        <translation>Clear (%1)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="406"/>
        <source>%1 of %2 rows shown</source>
        <translation>%1 of %2 rows shown</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="425"/>
        <source>Clear events</source>
        <translation>Clear events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="426"/>
        <source>Also delete the %1 events stored in the database?</source>
        <translation>Also delete the %1 events stored in the database?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="429"/>
        <source>The view is already clear. Deleted events cannot be loaded again.</source>
        <translation>The view is already clear. Deleted events cannot be loaded again.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="432"/>
        <source>This database is shared: they are deleted for every workstation that uses it.</source>
        <translation>This database is shared: they are deleted for every workstation that uses it.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="434"/>
        <source>Delete stored events</source>
        <translation>Delete stored events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="435"/>
        <source>Keep them</source>
        <translation>Keep them</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="454"/>
        <source>Deleted %1 stored events.</source>
        <translation>Deleted %1 stored events.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="485"/>
        <source>Select an event to see all its fields.</source>
        <translation>Select an event to see all its fields.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="493"/>
        <source>duplicate</source>
        <translation>duplicate</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="514"/>
        <source>%1 more</source>
        <translation>%1 more</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="531"/>
        <source>… (%1 characters)</source>
        <translation>… (%1 characters)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="582"/>
        <source>Export events</source>
        <translation>Export events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="583"/>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="589"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="590"/>
        <source>File &amp;name:</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="591"/>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="592"/>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="593"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="617"/>
        <source>Could not write %1: %2</source>
        <translation>Could not write %1: %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="620"/>
        <source>Exported %1 events to %2</source>
        <translation>Exported %1 events to %2</translation>
    </message>
</context>
<context>
    <name>HeadersEditor</name>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="49"/>
        <source>Add header</source>
        <translation>Add header</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="51"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="84"/>
        <source>The value is kept in the system keyring.</source>
        <translation>The value is kept in the system keyring.</translation>
    </message>
</context>
<context>
    <name>InstanceTableModel</name>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="161"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="162"/>
        <source>Instance</source>
        <translation>Instance</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="163"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="164"/>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="165"/>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="166"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="167"/>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="168"/>
        <source>Attention</source>
        <translation>Attention</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="200"/>
        <source>yes</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="200"/>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="207"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="210"/>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="212"/>
        <source>attention</source>
        <translation>attention</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="214"/>
        <source>not on server</source>
        <translation>not on server</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="88"/>
        <source>evodesk</source>
        <translation>evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="124"/>
        <source>No instances yet. Add an Evolution server with “Servers”, then press “Sync”.</source>
        <translation>No instances yet. Add an Evolution server with “Servers”, then press “Sync”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="139"/>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="153"/>
        <source>Main</source>
        <translation>Main</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="157"/>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="159"/>
        <source>Read every instance&apos;s real state from its server</source>
        <translation>Read every instance&apos;s real state from its server</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="167"/>
        <source>Configure</source>
        <translation>Configure</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="169"/>
        <source>Servers</source>
        <translation>Servers</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="171"/>
        <source>Events</source>
        <translation>Events</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="182"/>
        <source>Search name, number or profile…</source>
        <translation>Search name, number or profile…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="186"/>
        <location filename="../../evodesk/ui/main_window.py" line="269"/>
        <source>All servers</source>
        <translation>All servers</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="190"/>
        <source>All modes</source>
        <translation>All modes</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="190"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="191"/>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="191"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="192"/>
        <source>Conflict</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="197"/>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="197"/>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="198"/>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="199"/>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="363"/>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="375"/>
        <source>Sync did not finish.</source>
        <translation>Sync did not finish.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="381"/>
        <source>Sync finished.</source>
        <translation>Sync finished.</translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="75"/>
        <source>Not checked yet</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="77"/>
        <source>Last check failed: %1</source>
        <translation>Last check failed: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="79"/>
        <source>Last check: version %1</source>
        <translation>Last check: version %1</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="107"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="129"/>
        <source>Servers</source>
        <translation>Servers</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="134"/>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="162"/>
        <source>For example: Matriz</source>
        <translation>For example: Matriz</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="169"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="191"/>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="170"/>
        <source>Reveal</source>
        <translation>Reveal</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="181"/>
        <source>The API key would travel unencrypted over the network to this server. Use https:// unless the network between you and the server is trusted.</source>
        <translation>The API key would travel unencrypted over the network to this server. Use https:// unless the network between you and the server is trusted.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="187"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="189"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="193"/>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="195"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="197"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="435"/>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="199"/>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="200"/>
        <source>Tests the saved URL and API key.</source>
        <translation>Tests the saved URL and API key.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="263"/>
        <source>The server&apos;s global API key</source>
        <translation>The server&apos;s global API key</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="268"/>
        <source>A server cannot be renamed: remove it and add it again.</source>
        <translation>A server cannot be renamed: remove it and add it again.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="270"/>
        <source>unchanged</source>
        <translation>unchanged</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="283"/>
        <source>Version: %1</source>
        <translation>Version: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="285"/>
        <source>API key: valid</source>
        <translation>API key: valid</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="286"/>
        <source>API key: refused</source>
        <translation>API key: refused</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="289"/>
        <source>WebSockets: on</source>
        <translation>WebSockets: on</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="290"/>
        <source>WebSockets: off (WebSocket mode cannot be used)</source>
        <translation>WebSockets: off (WebSocket mode cannot be used)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="291"/>
        <source>WebSockets: unknown (the server has no instance to ask)</source>
        <translation>WebSockets: unknown (the server has no instance to ask)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="294"/>
        <source>Instances: %1</source>
        <translation>Instances: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="399"/>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="430"/>
        <source>Remove server</source>
        <translation>Remove server</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="431"/>
        <source>Remove the server “%1” from evodesk?</source>
        <translation>Remove the server “%1” from evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="433"/>
        <source>Its API key is deleted from the keyring and evodesk forgets its instances and their settings. Nothing changes on the server itself.</source>
        <translation>Its API key is deleted from the keyring and evodesk forgets its instances and their settings. Nothing changes on the server itself.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="457"/>
        <source>Server “%1” added. Press Check to test it.</source>
        <translation>Server “%1” added. Press Check to test it.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="460"/>
        <source>Changes to “%1” saved.</source>
        <translation>Changes to “%1” saved.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="463"/>
        <source>Server “%1” removed.</source>
        <translation>Server “%1” removed.</translation>
    </message>
</context>
<context>
    <name>TaskOwner</name>
    <message>
        <location filename="../../evodesk/ui/tasks.py" line="60"/>
        <source>Unexpected error: %1</source>
        <translation>Unexpected error: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="90"/>
        <source>Open evodesk</source>
        <translation>Open evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="93"/>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="95"/>
        <source>Pause notifications</source>
        <translation>Pause notifications</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="96"/>
        <source>For 1 hour</source>
        <translation>For 1 hour</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="98"/>
        <source>Until resumed</source>
        <translation>Until resumed</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="101"/>
        <source>Resume</source>
        <translation>Resume</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="106"/>
        <source>Start with the desktop session</source>
        <translation>Start with the desktop session</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="110"/>
        <source>Keep running when the window is closed</source>
        <translation>Keep running when the window is closed</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="114"/>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="166"/>
        <source>evodesk</source>
        <translation>evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="169"/>
        <source>No instance in WebSocket mode</source>
        <translation>No instance in WebSocket mode</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="171"/>
        <source>Needing attention: %1</source>
        <translation>Needing attention: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="175"/>
        <source>Notifications paused until %1</source>
        <translation>Notifications paused until %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="178"/>
        <source>Notifications paused until resumed</source>
        <translation>Notifications paused until resumed</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="205"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="219"/>
        <source>No instances; sync to list them</source>
        <translation>No instances; sync to list them</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="229"/>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="245"/>
        <source>%1 more in evodesk…</source>
        <translation>%1 more in evodesk…</translation>
    </message>
</context>
<context>
    <name>evodesk.app</name>
    <message>
        <location filename="../../evodesk/ui/app.py" line="112"/>
        <source>evodesk is already running for this data folder but does not answer. Close it (or end its process) and start evodesk again.</source>
        <translation>evodesk is already running for this data folder but does not answer. Close it (or end its process) and start evodesk again.</translation>
    </message>
</context>
<context>
    <name>evodesk.messages</name>
    <message>
        <source>Choose at least one event.</source>
        <translation>Choose at least one event.</translation>
    </message>
    <message>
        <source>An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</source>
        <translation>An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</translation>
    </message>
    <message>
        <source>Choose either some events or all events, not both.</source>
        <translation>Choose either some events or all events, not both.</translation>
    </message>
    <message>
        <source>The server URL must not contain &apos;?&apos; or &apos;#&apos;.</source>
        <translation>The server URL must not contain &apos;?&apos; or &apos;#&apos;.</translation>
    </message>
    <message>
        <source>Check the URL, and that the server runs a supported Evolution API version.</source>
        <translation>Check the URL, and that the server runs a supported Evolution API version.</translation>
    </message>
    <message>
        <source>Check that the Evolution server is running.</source>
        <translation>Check that the Evolution server is running.</translation>
    </message>
    <message>
        <source>Check the URL.</source>
        <translation>Check the URL.</translation>
    </message>
    <message>
        <source>Check the URL, or any proxy in front of the server.</source>
        <translation>Check the URL, or any proxy in front of the server.</translation>
    </message>
    <message>
        <source>This server has websockets switched off; websocket mode is not available.</source>
        <translation>This server has websockets switched off; websocket mode is not available.</translation>
    </message>
    <message>
        <source>The server refused the API key.</source>
        <translation>The server refused the API key.</translation>
    </message>
    <message>
        <source>This server is not activated (licence required).</source>
        <translation>This server is not activated (licence required).</translation>
    </message>
    <message>
        <source>If the server uses its own certificate authority, give its CA bundle in the server settings.</source>
        <translation>If the server uses its own certificate authority, give its CA bundle in the server settings.</translation>
    </message>
    <message>
        <source>The server may speak plain http:// rather than https://.</source>
        <translation>The server may speak plain http:// rather than https://.</translation>
    </message>
    <message>
        <source>Check the URL and port, and that the server is running.</source>
        <translation>Check the URL and port, and that the server is running.</translation>
    </message>
    <message>
        <source>No working keyring was found, and evodesk never stores keys in plain text.</source>
        <translation>No working keyring was found, and evodesk never stores keys in plain text.</translation>
    </message>
    <message>
        <source>Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</source>
        <translation>Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</translation>
    </message>
    <message>
        <source>The server refused the Socket.IO handshake.</source>
        <translation>The server refused the Socket.IO handshake.</translation>
    </message>
    <message>
        <source>The server could not accept the live connection now.</source>
        <translation>The server could not accept the live connection now.</translation>
    </message>
    <message>
        <source>The server does not speak Engine.IO 4.</source>
        <translation>The server does not speak Engine.IO 4.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>The connection was lost.</translation>
    </message>
    <message>
        <source>The server stopped answering (no ping).</source>
        <translation>The server stopped answering (no ping).</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>The connection is closed.</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate is not trusted.</source>
        <translation>The server&apos;s TLS certificate is not trusted.</translation>
    </message>
    <message>
        <source>The TLS handshake with the server failed.</source>
        <translation>The TLS handshake with the server failed.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>The server did not answer in time.</translation>
    </message>
    <message>
        <source>The server address is not a valid URL.</source>
        <translation>The server address is not a valid URL.</translation>
    </message>
    <message>
        <source>Could not connect to the server.</source>
        <translation>Could not connect to the server.</translation>
    </message>
    <message>
        <source>The server did not start the Socket.IO session.</source>
        <translation>The server did not start the Socket.IO session.</translation>
    </message>
    <message>
        <source>The server closed the connection at once.</source>
        <translation>The server closed the connection at once.</translation>
    </message>
    <message>
        <source>The server sent a message that is too large.</source>
        <translation>The server sent a message that is too large.</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>The server closed the connection.</translation>
    </message>
    <message>
        <source>The server ended the Socket.IO session.</source>
        <translation>The server ended the Socket.IO session.</translation>
    </message>
    <message>
        <source>Choose a database file.</source>
        <translation>Choose a database file.</translation>
    </message>
    <message>
        <source>Choose another file; this one was left as it was.</source>
        <translation>Choose another file; this one was left as it was.</translation>
    </message>
    <message>
        <source>Use a file path such as sqlite:///path/to/evodesk.db or a PostgreSQL URL.</source>
        <translation>Use a file path such as sqlite:///path/to/evodesk.db or a PostgreSQL URL.</translation>
    </message>
    <message>
        <source>Use SQLite (the default) or PostgreSQL.</source>
        <translation>Use SQLite (the default) or PostgreSQL.</translation>
    </message>
    <message>
        <source>Update evodesk or choose another database.</source>
        <translation>Update evodesk or choose another database.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Choose another name.</translation>
    </message>
    <message>
        <source>Check the address, the user name and that the database server is running.</source>
        <translation>Check the address, the user name and that the database server is running.</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it.</source>
        <translation>Check that the folder exists and that you may write to it.</translation>
    </message>
    <message>
        <source>Choose another file.</source>
        <translation>Choose another file.</translation>
    </message>
    <message>
        <source>The database is closed.</source>
        <translation>The database is closed.</translation>
    </message>
    <message>
        <source>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation).</source>
        <translation>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation).</translation>
    </message>
    <message>
        <source>Sync and try again.</source>
        <translation>Sync and try again.</translation>
    </message>
    <message>
        <source>Run a sync, or name its server with --server.</source>
        <translation>Run a sync, or name its server with --server.</translation>
    </message>
    <message>
        <source>No servers yet.</source>
        <translation>No servers yet.</translation>
    </message>
    <message>
        <source>Check the key stored for it.</source>
        <translation>Check the key stored for it.</translation>
    </message>
    <message>
        <source>This instance name cannot be used as a Socket.IO namespace.</source>
        <translation>This instance name cannot be used as a Socket.IO namespace.</translation>
    </message>
    <message>
        <source>Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</source>
        <translation>Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server; keep one of them.</source>
        <translation>Webhook and WebSocket are both enabled on the server; keep one of them.</translation>
    </message>
    <message>
        <source>Webhook enabled.</source>
        <translation>Webhook enabled.</translation>
    </message>
    <message>
        <source>WebSocket enabled.</source>
        <translation>WebSocket enabled.</translation>
    </message>
    <message>
        <source>WebSocket was disabled.</source>
        <translation>WebSocket was disabled.</translation>
    </message>
    <message>
        <source>Webhook was disabled.</source>
        <translation>Webhook was disabled.</translation>
    </message>
    <message>
        <source>Delivery disabled: messages will not be received.</source>
        <translation>Delivery disabled: messages will not be received.</translation>
    </message>
    <message>
        <source>Nothing was active; no change was needed.</source>
        <translation>Nothing was active; no change was needed.</translation>
    </message>
    <message>
        <source>The previous mode was put back.</source>
        <translation>The previous mode was put back.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nothing was changed.</translation>
    </message>
    <message>
        <source>There is no webhook on the server to keep.</source>
        <translation>There is no webhook on the server to keep.</translation>
    </message>
    <message>
        <source>Check the instance, then Sync.</source>
        <translation>Check the instance, then Sync.</translation>
    </message>
    <message>
        <source>The server applies the base64 change after the instance restarts.</source>
        <translation>The server applies the base64 change after the instance restarts.</translation>
    </message>
    <message>
        <source>Restart the instance now to apply it.</source>
        <translation>Restart the instance now to apply it.</translation>
    </message>
    <message>
        <source>In websocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation>In websocket mode media arrive without base64: base64 belongs to the webhook.</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>The API key is empty.</translation>
    </message>
    <message>
        <source>Edit the server and enter its key again.</source>
        <translation>Edit the server and enter its key again.</translation>
    </message>
    <message>
        <source>This server has websockets switched off.</source>
        <translation>This server has websockets switched off.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice.</source>
        <translation>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice.</translation>
    </message>
    <message>
        <source>Keep one of them.</source>
        <translation>Keep one of them.</translation>
    </message>
    <message>
        <source>Evolution would retry this status (up to 10 times, so slow or failing receivers get duplicates).</source>
        <translation>Evolution would retry this status (up to 10 times, so slow or failing receivers get duplicates).</translation>
    </message>
    <message>
        <source>Evolution would not retry this status.</source>
        <translation>Evolution would not retry this status.</translation>
    </message>
    <message>
        <source>Evolution would retry.</source>
        <translation>Evolution would retry.</translation>
    </message>
    <message>
        <source>  no changes</source>
        <translation>  no changes</translation>
    </message>
    <message>
        <source>The server name must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>The server name must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>The server URL is empty.</source>
        <translation>The server URL is empty.</translation>
    </message>
    <message>
        <source>The server URL must not contain spaces.</source>
        <translation>The server URL must not contain spaces.</translation>
    </message>
    <message>
        <source>The server URL must start with http:// or https://.</source>
        <translation>The server URL must start with http:// or https://.</translation>
    </message>
    <message>
        <source>The server URL has an invalid port.</source>
        <translation>The server URL has an invalid port.</translation>
    </message>
    <message>
        <source>The server URL has no host name.</source>
        <translation>The server URL has no host name.</translation>
    </message>
    <message>
        <source>The webhook URL is empty.</source>
        <translation>The webhook URL is empty.</translation>
    </message>
    <message>
        <source>The webhook URL must not contain spaces.</source>
        <translation>The webhook URL must not contain spaces.</translation>
    </message>
    <message>
        <source>The webhook URL must start with http:// or https://.</source>
        <translation>The webhook URL must start with http:// or https://.</translation>
    </message>
    <message>
        <source>The webhook URL has an invalid port.</source>
        <translation>The webhook URL has an invalid port.</translation>
    </message>
    <message>
        <source>The webhook URL has no host name.</source>
        <translation>The webhook URL has no host name.</translation>
    </message>
    <message>
        <source>Enabling the webhook failed: The server refused the API key.</source>
        <translation>Enabling the webhook failed: The server refused the API key.</translation>
    </message>
    <message>
        <source>Enabling the webhook failed: This server is not activated (licence required).</source>
        <translation>Enabling the webhook failed: This server is not activated (licence required).</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: The server refused the API key.</source>
        <translation>Enabling the websocket failed: The server refused the API key.</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: This server is not activated (licence required).</source>
        <translation>Enabling the websocket failed: This server is not activated (licence required).</translation>
    </message>
    <message>
        <source>Disabling delivery failed: The server refused the API key.</source>
        <translation>Disabling delivery failed: The server refused the API key.</translation>
    </message>
    <message>
        <source>Disabling delivery failed: This server is not activated (licence required).</source>
        <translation>Disabling delivery failed: This server is not activated (licence required).</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: This server has websockets switched off; websocket mode is not available.</source>
        <translation>Enabling the websocket failed: This server has websockets switched off; websocket mode is not available.</translation>
    </message>
    <message>
        <source>Webhook enabled. WebSocket was disabled.</source>
        <translation>Webhook enabled. WebSocket was disabled.</translation>
    </message>
    <message>
        <source>WebSocket enabled. Webhook was disabled.</source>
        <translation>WebSocket enabled. Webhook was disabled.</translation>
    </message>
    <message>
        <source>The server applies the base64 change after the instance restarts. Restart the instance now to apply it.</source>
        <translation>The server applies the base64 change after the instance restarts. Restart the instance now to apply it.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice. Keep one of them.</source>
        <translation>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice. Keep one of them.</translation>
    </message>
    <message>
        <source>This server has websockets switched off; websocket mode is not available. Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</source>
        <translation>This server has websockets switched off; websocket mode is not available. Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</translation>
    </message>
    <message>
        <source>No working keyring was found, and evodesk never stores keys in plain text. Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</source>
        <translation>No working keyring was found, and evodesk never stores keys in plain text. Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</translation>
    </message>
    <message>
        <source>Choose at least one event. An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</source>
        <translation>Choose at least one event. An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</translation>
    </message>
    <message>
        <source>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation). Sync and try again.</source>
        <translation>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation). Sync and try again.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; does not exist on this server.</source>
        <translation>Instance &apos;%1&apos; does not exist on this server.</translation>
    </message>
    <message>
        <source>Unknown event(s) for a %1 server: %2.</source>
        <translation>Unknown event(s) for a %1 server: %2.</translation>
    </message>
    <message>
        <source>The value of header &apos;%1&apos; must be a single line.</source>
        <translation>The value of header &apos;%1&apos; must be a single line.</translation>
    </message>
    <message>
        <source>The %1 is empty.</source>
        <translation>The %1 is empty.</translation>
    </message>
    <message>
        <source>The %1 must not contain spaces.</source>
        <translation>The %1 must not contain spaces.</translation>
    </message>
    <message>
        <source>The %1 must start with http:// or https://.</source>
        <translation>The %1 must start with http:// or https://.</translation>
    </message>
    <message>
        <source>The %1 has no host name.</source>
        <translation>The %1 has no host name.</translation>
    </message>
    <message>
        <source>The %1 must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>The %1 must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</translation>
    </message>
    <message>
        <source>The %1 has an invalid port.</source>
        <translation>The %1 has an invalid port.</translation>
    </message>
    <message>
        <source>The CA bundle &apos;%1&apos; does not exist.</source>
        <translation>The CA bundle &apos;%1&apos; does not exist.</translation>
    </message>
    <message>
        <source>Custom webhook headers need Evolution API 2; this server runs %1.</source>
        <translation>Custom webhook headers need Evolution API 2; this server runs %1.</translation>
    </message>
    <message>
        <source>The CA bundle &apos;%1&apos; could not be read: %2.</source>
        <translation>The CA bundle &apos;%1&apos; could not be read: %2.</translation>
    </message>
    <message>
        <source>The server at %1 does not offer %2 %3.</source>
        <translation>The server at %1 does not offer %2 %3.</translation>
    </message>
    <message>
        <source>The server at %1 answered with an HTML error page (HTTP %2%3), not the Evolution API: a proxy in front of it may be unable to reach it.</source>
        <translation>The server at %1 answered with an HTML error page (HTTP %2%3), not the Evolution API: a proxy in front of it may be unable to reach it.</translation>
    </message>
    <message>
        <source>The server at %1 answered with an HTML page, not the Evolution API.</source>
        <translation>The server at %1 answered with an HTML page, not the Evolution API.</translation>
    </message>
    <message>
        <source>The server at %1 sent an answer that is not valid JSON (HTTP %2).</source>
        <translation>The server at %1 sent an answer that is not valid JSON (HTTP %2).</translation>
    </message>
    <message>
        <source>The server at %1 answered with plain text, not the Evolution API (HTTP %2).</source>
        <translation>The server at %1 answered with plain text, not the Evolution API (HTTP %2).</translation>
    </message>
    <message>
        <source>The server at %1 answered in a form evodesk does not understand; it may not be an Evolution API server, or a version evodesk does not support.</source>
        <translation>The server at %1 answered in a form evodesk does not understand; it may not be an Evolution API server, or a version evodesk does not support.</translation>
    </message>
    <message>
        <source>The connection to %1 broke before the server answered.</source>
        <translation>The connection to %1 broke before the server answered.</translation>
    </message>
    <message>
        <source>The server at %1 could not be reached within %2 seconds.</source>
        <translation>The server at %1 could not be reached within %2 seconds.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer within %2 seconds.</source>
        <translation>The server at %1 did not answer within %2 seconds.</translation>
    </message>
    <message>
        <source>Cannot connect to the server at %1.</source>
        <translation>Cannot connect to the server at %1.</translation>
    </message>
    <message>
        <source>The server could not %1: %2</source>
        <translation>The server could not %1: %2</translation>
    </message>
    <message>
        <source>The server rejected the request: %1</source>
        <translation>The server rejected the request: %1</translation>
    </message>
    <message>
        <source>The certificate of %1 could not be verified (%2).</source>
        <translation>The certificate of %1 could not be verified (%2).</translation>
    </message>
    <message>
        <source>The host name in %1 could not be found.</source>
        <translation>The host name in %1 could not be found.</translation>
    </message>
    <message>
        <source>The server at %1 refused the connection.</source>
        <translation>The server at %1 refused the connection.</translation>
    </message>
    <message>
        <source>The keyring refused to read a secret: %1.</source>
        <translation>The keyring refused to read a secret: %1.</translation>
    </message>
    <message>
        <source>The keyring refused to store a secret: %1.</source>
        <translation>The keyring refused to store a secret: %1.</translation>
    </message>
    <message>
        <source>The keyring refused to delete a secret: %1.</source>
        <translation>The keyring refused to delete a secret: %1.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 instead of opening the live connection.</source>
        <translation>The server answered HTTP %1 instead of opening the live connection.</translation>
    </message>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation>The CA bundle %1 cannot be read.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 is not a file.</translation>
    </message>
    <message>
        <source>The file %1 is not an evodesk database (it is not a SQLite file).</source>
        <translation>The file %1 is not an evodesk database (it is not a SQLite file).</translation>
    </message>
    <message>
        <source>Cannot read the database file %1: %2.</source>
        <translation>Cannot read the database file %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as a SQLite database (%2).</source>
        <translation>The file %1 cannot be read as a SQLite database (%2).</translation>
    </message>
    <message>
        <source>Cannot create the folder for the database file %1: %2.</source>
        <translation>Cannot create the folder for the database file %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 is a SQLite database of another program, not an evodesk database.</source>
        <translation>The file %1 is a SQLite database of another program, not an evodesk database.</translation>
    </message>
    <message>
        <source>This database was written by a newer evodesk (revision %1).</source>
        <translation>This database was written by a newer evodesk (revision %1).</translation>
    </message>
    <message>
        <source>There is no server named &apos;%1&apos;.</source>
        <translation>There is no server named &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>A server named &apos;%1&apos; already exists.</source>
        <translation>A server named &apos;%1&apos; already exists.</translation>
    </message>
    <message>
        <source>There is no server #%1; it may have been removed.</source>
        <translation>There is no server #%1; it may have been removed.</translation>
    </message>
    <message>
        <source>The server &apos;%1&apos; is no longer in the database.</source>
        <translation>The server &apos;%1&apos; is no longer in the database.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is not in the database for this server.</source>
        <translation>Instance &apos;%1&apos; is not in the database for this server.</translation>
    </message>
    <message>
        <source>There is no instance #%1; it may have been removed.</source>
        <translation>There is no instance #%1; it may have been removed.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2.</source>
        <translation>Cannot open the database %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as a SQLite database.</source>
        <translation>The file %1 cannot be read as a SQLite database.</translation>
    </message>
    <message>
        <source>The database %1 failed: %2</source>
        <translation>The database %1 failed: %2</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is not known yet.</source>
        <translation>Instance &apos;%1&apos; is not known yet.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; exists on several servers (%2): choose one with --server.</source>
        <translation>Instance &apos;%1&apos; exists on several servers (%2): choose one with --server.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is restarting.</source>
        <translation>Instance &apos;%1&apos; is restarting.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 failed: %2</translation>
    </message>
    <message>
        <source>%1 failed (%2) and the previous mode could not be put back (%3).</source>
        <translation>%1 failed (%2) and the previous mode could not be put back (%3).</translation>
    </message>
    <message>
        <source>No API key for server &apos;%1&apos; is in the keyring.</source>
        <translation>No API key for server &apos;%1&apos; is in the keyring.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>changed %1: %2</source>
        <translation>changed %1: %2</translation>
    </message>
    <message>
        <source>CONFLICT (webhook and websocket both on): %1</source>
        <translation>CONFLICT (webhook and websocket both on): %1</translation>
    </message>
    <message>
        <source>could not read %1: %2</source>
        <translation>could not read %1: %2</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>no changes</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; has no webhook URL to test.</source>
        <translation>Instance &apos;%1&apos; has no webhook URL to test.</translation>
    </message>
    <message>
        <source>server URL</source>
        <translation>server URL</translation>
    </message>
    <message>
        <source>webhook URL</source>
        <translation>webhook URL</translation>
    </message>
    <message>
        <source>Enabling the webhook</source>
        <translation>Enabling the webhook</translation>
    </message>
    <message>
        <source>Enabling the websocket</source>
        <translation>Enabling the websocket</translation>
    </message>
    <message>
        <source>Disabling delivery</source>
        <translation>Disabling delivery</translation>
    </message>
    <message>
        <source>server name</source>
        <translation>server name</translation>
    </message>
    <message>
        <source>restart instance &apos;%1&apos;</source>
        <translation>restart instance &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connect instance &apos;%1&apos;</source>
        <translation>connect instance &apos;%1&apos;</translation>
    </message>
    <message>
        <source>log out instance &apos;%1&apos;</source>
        <translation>log out instance &apos;%1&apos;</translation>
    </message>
    <message>
        <source>save the webhook of &apos;%1&apos;</source>
        <translation>save the webhook of &apos;%1&apos;</translation>
    </message>
    <message>
        <source>save the websocket of &apos;%1&apos;</source>
        <translation>save the websocket of &apos;%1&apos;</translation>
    </message>
    <message>
        <source>complete the request</source>
        <translation>complete the request</translation>
    </message>
    <message>
        <source>new: %1</source>
        <translation>new: %1</translation>
    </message>
    <message>
        <source>back on the server: %1</source>
        <translation>back on the server: %1</translation>
    </message>
    <message>
        <source>no longer on the server (kept here): %1</source>
        <translation>no longer on the server (kept here): %1</translation>
    </message>
    <message>
        <source>The value of header &apos;%1&apos; has a character that cannot be sent in an HTTP header, such as an emoji, a control character or a letter outside Western European alphabets.</source>
        <translation>The value of header &apos;%1&apos; has a character that cannot be sent in an HTTP header, such as an emoji, a control character or a letter outside Western European alphabets.</translation>
    </message>
    <message>
        <source>The server at %1 sent an answer larger than %2 MiB (HTTP %3), more than evodesk reads.</source>
        <translation>The server at %1 sent an answer larger than %2 MiB (HTTP %3), more than evodesk reads.</translation>
    </message>
    <message>
        <source>The connection could not be read; it is opened again.</source>
        <translation>The connection could not be read; it is opened again.</translation>
    </message>
    <message>
        <source>The server URL must not contain a user name or password; evodesk sends the API key, which it keeps in the keyring.</source>
        <translation>The server URL must not contain a user name or password; evodesk sends the API key, which it keeps in the keyring.</translation>
    </message>
    <message>
        <source>The %1 has an invalid host name.</source>
        <translation>The %1 has an invalid host name.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2.</source>
        <translation>Cannot create the folder %1: %2.</translation>
    </message>
    <message>
        <source>Choose another data folder.</source>
        <translation>Choose another data folder.</translation>
    </message>
    <message>
        <source>%1 did not finish; the server may differ from what evodesk shows.</source>
        <translation>%1 did not finish; the server may differ from what evodesk shows.</translation>
    </message>
    <message>
        <source>Sync to see it.</source>
        <translation>Sync to see it.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 (%2).</source>
        <translation>Cannot create the folder %1 (%2).</translation>
    </message>
    <message>
        <source>Another evodesk is changing instance &apos;%1&apos;.</source>
        <translation>Another evodesk is changing instance &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>Try again.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1: %2</source>
        <translation>The server answered HTTP %1: %2</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>The server answered HTTP %1.</translation>
    </message>
    <message>
        <source>The server failed while handling the request (HTTP %1): %2</source>
        <translation>The server failed while handling the request (HTTP %1): %2</translation>
    </message>
    <message>
        <source>The server failed while handling the request (HTTP %1).</source>
        <translation>The server failed while handling the request (HTTP %1).</translation>
    </message>
    <message>
        <source>WhatsApp connection</source>
        <translation>WhatsApp connection</translation>
    </message>
    <message>
        <source>webhook on/off</source>
        <translation>webhook on/off</translation>
    </message>
    <message>
        <source>WebSocket on/off</source>
        <translation>WebSocket on/off</translation>
    </message>
    <message>
        <source>webhook base64</source>
        <translation>webhook base64</translation>
    </message>
    <message>
        <source>webhook byEvents</source>
        <translation>webhook byEvents</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflict</translation>
    </message>
    <message>
        <source>changed %1: %2, %3</source>
        <translation>changed %1: %2, %3</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4</source>
        <translation>changed %1: %2, %3, %4</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5</source>
        <translation>changed %1: %2, %3, %4, %5</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6</source>
        <translation>changed %1: %2, %3, %4, %5, %6</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6, %7</source>
        <translation>changed %1: %2, %3, %4, %5, %6, %7</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6, %7, %8</source>
        <translation>changed %1: %2, %3, %4, %5, %6, %7, %8</translation>
    </message>
    <message>
        <source>%1: %2 instance(s) in %3.%4 s</source>
        <translation>%1: %2 instance(s) in %3.%4 s</translation>
    </message>
    <message>
        <source>%1 refused the test event: HTTP %2 in %3 ms.</source>
        <translation>%1 refused the test event: HTTP %2 in %3 ms.</translation>
    </message>
    <message>
        <source>%1 accepted the test event: HTTP %2 in %3 ms.</source>
        <translation>%1 accepted the test event: HTTP %2 in %3 ms.</translation>
    </message>
    <message>
        <source>No answer from %1: no answer within %2 s.</source>
        <translation>No answer from %1: no answer within %2 s.</translation>
    </message>
    <message>
        <source>No answer from %1: certificate check failed.</source>
        <translation>No answer from %1: certificate check failed.</translation>
    </message>
    <message>
        <source>No answer from %1 (%2).</source>
        <translation>No answer from %1 (%2).</translation>
    </message>
    <message>
        <source>The WebSocket is still enabled on the server.</source>
        <translation>The WebSocket is still enabled on the server.</translation>
    </message>
    <message>
        <source>The webhook is still enabled on the server.</source>
        <translation>The webhook is still enabled on the server.</translation>
    </message>
    <message>
        <source>Webhook updated.</source>
        <translation>Webhook updated.</translation>
    </message>
    <message>
        <source>WebSocket events updated.</source>
        <translation>WebSocket events updated.</translation>
    </message>
    <message>
        <source>The server at %1 redirects to %2 (HTTP %3): use that address for the server.</source>
        <translation>The server at %1 redirects to %2 (HTTP %3): use that address for the server.</translation>
    </message>
    <message>
        <source>The server at %1 answered with a redirect (HTTP %2) that names no address.</source>
        <translation>The server at %1 answered with a redirect (HTTP %2) that names no address.</translation>
    </message>
    <message>
        <source>The API key must be a single line.</source>
        <translation>The API key must be a single line.</translation>
    </message>
    <message>
        <source>The API key has a character that cannot be sent in an HTTP header, such as an invisible character, a control character or an accented letter.</source>
        <translation>The API key has a character that cannot be sent in an HTTP header, such as an invisible character, a control character or an accented letter.</translation>
    </message>
    <message>
        <source>Enter the key again without it.</source>
        <translation>Enter the key again without it.</translation>
    </message>
    <message>
        <source>Even to read the database, evodesk writes to it and to files beside it.</source>
        <translation>Even to read the database, evodesk writes to it and to files beside it.</translation>
    </message>
    <message>
        <source>Make it writable, or choose another data folder.</source>
        <translation>Make it writable, or choose another data folder.</translation>
    </message>
    <message>
        <source>The database file %1 is on a read-only file system.</source>
        <translation>The database file %1 is on a read-only file system.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only.</source>
        <translation>The database file %1 is read-only.</translation>
    </message>
    <message>
        <source>The folder %1 is not writable.</source>
        <translation>The folder %1 is not writable.</translation>
    </message>
    <message>
        <source>The folder %1 is on a read-only file system.</source>
        <translation>The folder %1 is on a read-only file system.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot read a secret from it.</source>
        <translation>The keyring is locked, so evodesk cannot read a secret from it.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot store a secret in it.</source>
        <translation>The keyring is locked, so evodesk cannot store a secret in it.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot delete a secret from it.</source>
        <translation>The keyring is locked, so evodesk cannot delete a secret from it.</translation>
    </message>
    <message>
        <source>Unlock it (log in to the desktop session, or enter the keyring&apos;s password when asked) and try again.</source>
        <translation>Unlock it (log in to the desktop session, or enter the keyring&apos;s password when asked) and try again.</translation>
    </message>
    <message>
        <source>An in-memory database keeps nothing once evodesk ends.</source>
        <translation>An in-memory database keeps nothing once evodesk ends.</translation>
    </message>
    <message>
        <source>Give a database file (sqlite:///path/to/evodesk.sqlite3) or a PostgreSQL URL.</source>
        <translation>Give a database file (sqlite:///path/to/evodesk.sqlite3) or a PostgreSQL URL.</translation>
    </message>
    <message>
        <source>The header names &apos;%1&apos; and &apos;%2&apos; differ only in case, and HTTP reads them as one header.</source>
        <translation>The header names &apos;%1&apos; and &apos;%2&apos; differ only in case, and HTTP reads them as one header.</translation>
    </message>
    <message>
        <source>The server redirects the live connection to %1 (HTTP %2): evodesk does not follow it with the API key; use that address for the server.</source>
        <translation>The server redirects the live connection to %1 (HTTP %2): evodesk does not follow it with the API key; use that address for the server.</translation>
    </message>
    <message>
        <source>The server answered the live connection with a redirect (HTTP %1) that names no address.</source>
        <translation>The server answered the live connection with a redirect (HTTP %1) that names no address.</translation>
    </message>
    <message>
        <source>new: %1 …and %2 more</source>
        <translation>new: %1 …and %2 more</translation>
    </message>
    <message>
        <source>back on the server: %1 …and %2 more</source>
        <translation>back on the server: %1 …and %2 more</translation>
    </message>
    <message>
        <source>no longer on the server (kept here): %1 …and %2 more</source>
        <translation>no longer on the server (kept here): %1 …and %2 more</translation>
    </message>
    <message>
        <source>CONFLICT (webhook and websocket both on): %1 …and %2 more</source>
        <translation>CONFLICT (webhook and websocket both on): %1 …and %2 more</translation>
    </message>
    <message>
        <source>…and %1 more changed</source>
        <translation>…and %1 more changed</translation>
    </message>
    <message>
        <source>…and %1 more could not be read</source>
        <translation>…and %1 more could not be read</translation>
    </message>
    <message>
        <source>No answer from %1: the request failed.</source>
        <translation>No answer from %1: the request failed.</translation>
    </message>
    <message>
        <source>No answer from %1: the connection was refused.</source>
        <translation>No answer from %1: the connection was refused.</translation>
    </message>
    <message>
        <source>No answer from %1: its host name was not found.</source>
        <translation>No answer from %1: its host name was not found.</translation>
    </message>
    <message>
        <source>No answer from %1: could not connect to it.</source>
        <translation>No answer from %1: could not connect to it.</translation>
    </message>
    <message>
        <source>No answer from %1: the secure connection (TLS) could not be set up.</source>
        <translation>No answer from %1: the secure connection (TLS) could not be set up.</translation>
    </message>
    <message>
        <source>%1 answered something that is not HTTP.</source>
        <translation>%1 answered something that is not HTTP.</translation>
    </message>
    <message>
        <source>No answer from %1: it closed the connection without answering.</source>
        <translation>No answer from %1: it closed the connection without answering.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 but closed the connection before the whole answer arrived.</source>
        <translation>%1 answered HTTP %2 but closed the connection before the whole answer arrived.</translation>
    </message>
    <message>
        <source>The server broke the WebSocket protocol.</source>
        <translation>The server broke the WebSocket protocol.</translation>
    </message>
    <message>
        <source>The server sent a message in too many pieces.</source>
        <translation>The server sent a message in too many pieces.</translation>
    </message>
</context>
<context>
    <name>evodesk.notifications</name>
    <message>
        <source>%1 new messages while notifications were off</source>
        <translation>%1 new messages while notifications were off</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>On %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 on %2</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 new messages on %2</source>
        <translation>%1 new messages on %2</translation>
    </message>
    <message>
        <source>Latest from %1: %2</source>
        <translation>Latest from %1: %2</translation>
    </message>
    <message>
        <source>%1 disconnected from WhatsApp</source>
        <translation>%1 disconnected from WhatsApp</translation>
    </message>
    <message>
        <source>WhatsApp closed the connection (reason %1).</source>
        <translation>WhatsApp closed the connection (reason %1).</translation>
    </message>
    <message>
        <source>WhatsApp closed the connection.</source>
        <translation>WhatsApp closed the connection.</translation>
    </message>
    <message>
        <source>%1 was logged out of WhatsApp</source>
        <translation>%1 was logged out of WhatsApp</translation>
    </message>
    <message>
        <source>Scan a new QR code to use this number again.</source>
        <translation>Scan a new QR code to use this number again.</translation>
    </message>
    <message>
        <source>%1 is waiting for a QR code scan</source>
        <translation>%1 is waiting for a QR code scan</translation>
    </message>
    <message>
        <source>Open the instance and scan the code with its phone.</source>
        <translation>Open the instance and scan the code with its phone.</translation>
    </message>
    <message>
        <source>%1 refused the API key</source>
        <translation>%1 refused the API key</translation>
    </message>
    <message>
        <source>Cannot listen to %1</source>
        <translation>Cannot listen to %1</translation>
    </message>
    <message>
        <source>Check the server&apos;s key under Servers.</source>
        <translation>Check the server&apos;s key under Servers.</translation>
    </message>
    <message>
        <source>Lost the live connection to %1</source>
        <translation>Lost the live connection to %1</translation>
    </message>
    <message>
        <source>Not hearing %1</source>
        <translation>Not hearing %1</translation>
    </message>
    <message>
        <source>Still retrying after a minute: %1</source>
        <translation>Still retrying after a minute: %1</translation>
    </message>
    <message>
        <source>Still retrying after a minute.</source>
        <translation>Still retrying after a minute.</translation>
    </message>
    <message>
        <source>[message]</source>
        <translation>[message]</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[image]</translation>
    </message>
    <message>
        <source>[video]</source>
        <translation>[video]</translation>
    </message>
    <message>
        <source>[audio]</source>
        <translation>[audio]</translation>
    </message>
    <message>
        <source>[document]</source>
        <translation>[document]</translation>
    </message>
    <message>
        <source>[sticker]</source>
        <translation>[sticker]</translation>
    </message>
    <message>
        <source>[location]</source>
        <translation>[location]</translation>
    </message>
    <message>
        <source>[contact]</source>
        <translation>[contact]</translation>
    </message>
    <message>
        <source>[poll]</source>
        <translation>[poll]</translation>
    </message>
    <message>
        <source>[reaction]</source>
        <translation>[reaction]</translation>
    </message>
</context>
<context>
    <name>evodesk.texts</name>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="84"/>
        <source>not running</source>
        <translation>not running</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="86"/>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="88"/>
        <source>stopped</source>
        <translation>stopped</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="89"/>
        <location filename="../../evodesk/ui/texts.py" line="114"/>
        <source>connecting</source>
        <translation>connecting</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="90"/>
        <source>live</source>
        <translation>live</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="91"/>
        <source>waiting for the server</source>
        <translation>waiting for the server</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="92"/>
        <source>retrying</source>
        <translation>retrying</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="93"/>
        <source>refused (check the API key)</source>
        <translation>refused (check the API key)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="113"/>
        <source>connected</source>
        <translation>connected</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="115"/>
        <source>disconnected</source>
        <translation>disconnected</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="116"/>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="122"/>
        <source>Both (conflict)</source>
        <translation>Both (conflict)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="124"/>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="125"/>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="126"/>
        <source>None</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="137"/>
        <source>Webhook and WebSocket are both active on the server: every event arrives twice. Keep one of them.</source>
        <translation>Webhook and WebSocket are both active on the server: every event arrives twice. Keep one of them.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="141"/>
        <source>Webhook active, base64: yes</source>
        <translation>Webhook active, base64: yes</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="142"/>
        <source>Webhook active, base64: no</source>
        <translation>Webhook active, base64: no</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="147"/>
        <source>WebSocket connected</source>
        <translation>WebSocket connected</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="149"/>
        <source>WebSocket active; live connection: %1</source>
        <translation>WebSocket active; live connection: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="156"/>
        <source>No active delivery: messages will not be received</source>
        <translation>No active delivery: messages will not be received</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="159"/>
        <source>Needs attention: %1</source>
        <translation>Needs attention: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="164"/>
        <source>The server&apos;s live state could not be read (shown: the last one read): %1</source>
        <translation>The server&apos;s live state could not be read (shown: the last one read): %1</translation>
    </message>
</context>
</TS>
