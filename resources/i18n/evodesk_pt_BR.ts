<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="51"/>
        <source>status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="53"/>
        <source>connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="59"/>
        <source>QR code updated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="68"/>
        <source>me → %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="84"/>
        <source>[message]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="98"/>
        <source>offline since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="100"/>
        <source>offline %1 → %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="30"/>
        <source>not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="32"/>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="33"/>
        <location filename="../../evodesk/ui/texts.py" line="44"/>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="34"/>
        <source>live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="35"/>
        <source>waiting for the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="36"/>
        <source>retrying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="37"/>
        <source>refused (check the API key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="43"/>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="45"/>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="46"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="52"/>
        <source>Both (conflict)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="54"/>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="55"/>
        <source>WebSocket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="56"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="64"/>
        <source>Webhook and WebSocket are both active on the server: every event arrives twice. Keep one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="68"/>
        <source>Webhook active, base64: yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="69"/>
        <source>Webhook active, base64: no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="73"/>
        <source>WebSocket connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="75"/>
        <source>WebSocket active; live connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="79"/>
        <source>No active delivery: messages will not be received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="82"/>
        <source>Needs attention: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="44"/>
        <source>Configure %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="66"/>
        <source>Webhook and WebSocket cannot be active at the same time: activating one deactivates the other.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="69"/>
        <source>Keep webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="71"/>
        <source>Keep WebSocket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="80"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="92"/>
        <source>Restart instance now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="114"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="173"/>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="117"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="177"/>
        <source>WebSocket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="126"/>
        <source>One URL per event (byEvents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="128"/>
        <source>Base64 media (recommended)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="130"/>
        <source>Evolution puts images, audio and documents in the event itself. The server applies a change after the instance restarts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="133"/>
        <source>Test webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="135"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="258"/>
        <source>Apply webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="148"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="152"/>
        <source>Headers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="159"/>
        <source>In WebSocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="162"/>
        <source>Apply events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="174"/>
        <source>Evolution POSTs each event to your URL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="178"/>
        <source>evodesk holds a live connection and receives the events itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="258"/>
        <source>Activate webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="270"/>
        <source>Live connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="280"/>
        <source>Events go to %1 and so on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="307"/>
        <source>Enter the webhook URL and choose events, then press “Activate webhook”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="323"/>
        <source>Choose the events to receive (or tick “All events”), then turn WebSocket on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="344"/>
        <source>Sending a test event…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="32"/>
        <source>All events (Evolution sends every event)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="34"/>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="36"/>
        <source>Select none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="72"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="83"/>
        <source>On the wire: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="91"/>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="92"/>
        <source>Contacts and chats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="93"/>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="94"/>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="95"/>
        <source>Bots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="145"/>
        <source>Evolution will send every event, including chats, contacts and presence: expect a lot of traffic.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="149"/>
        <source>No event chosen. Evolution treats an empty list as every event, so evodesk asks you to choose events or tick “All events”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="79"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="79"/>
        <source>Server / instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="79"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="80"/>
        <source>Summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="80"/>
        <source>Duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="122"/>
        <source>gap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="127"/>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="157"/>
        <source>instance #%1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsWindow</name>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="76"/>
        <source>evodesk — Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="113"/>
        <source>Live events are off in this window: showing stored events only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="130"/>
        <source>All instances</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="133"/>
        <source>All events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="137"/>
        <source>Search the summary and the JSON…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="139"/>
        <location filename="../../evodesk/ui/events_window.py" line="262"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="141"/>
        <source>Hold new events; they are shown on resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="149"/>
        <source>Load older</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="150"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="151"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="152"/>
        <source>Copy the selected event as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="153"/>
        <source>Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="154"/>
        <source>Copy the events shown as JSON Lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="155"/>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="156"/>
        <source>Save the events shown as a JSON Lines file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="194"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="194"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="260"/>
        <source>Resume (%1 waiting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="306"/>
        <source>%1 live events were dropped for this view: it fell behind.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="311"/>
        <source>Clear (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="313"/>
        <source>%1 of %2 rows shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="332"/>
        <source>Clear events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="333"/>
        <source>Also delete the %1 events stored in the database?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="336"/>
        <source>The view is already clear. Deleted events cannot be loaded again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="337"/>
        <source>Delete stored events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="338"/>
        <source>Keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="357"/>
        <source>Deleted %1 stored events.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="398"/>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="418"/>
        <source>%1 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="428"/>
        <source>… (%1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="466"/>
        <source>Export events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="467"/>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="490"/>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="493"/>
        <source>Exported %1 events to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeadersEditor</name>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="49"/>
        <source>Add header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="51"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="84"/>
        <source>The value is kept in the system keyring.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InstanceTableModel</name>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="103"/>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="104"/>
        <source>Instance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="105"/>
        <source>WhatsApp</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="106"/>
        <source>Delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="107"/>
        <source>Base64</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="108"/>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="109"/>
        <source>Last sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="110"/>
        <source>Attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="142"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="142"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="149"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="152"/>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="154"/>
        <source>attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="156"/>
        <source>not on server</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="64"/>
        <source>evodesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="96"/>
        <source>No instances yet. Add an Evolution server with “Servers”, then press “Sync”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="111"/>
        <source>Database: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="125"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="129"/>
        <source>Sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="131"/>
        <source>Read every instance&apos;s real state from its server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="139"/>
        <source>Configure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="141"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="143"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="154"/>
        <source>Search name, number or profile…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="158"/>
        <location filename="../../evodesk/ui/main_window.py" line="221"/>
        <source>All servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="162"/>
        <source>All modes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="162"/>
        <source>Webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="163"/>
        <source>WebSocket</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="163"/>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="164"/>
        <source>Conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="169"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="169"/>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="170"/>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="171"/>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="289"/>
        <source>Syncing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="301"/>
        <source>Sync did not finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="307"/>
        <source>Sync finished.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="73"/>
        <source>Not checked yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="75"/>
        <source>Last check failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="77"/>
        <source>Last check: version %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="105"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="127"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="132"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="160"/>
        <source>For example: Matriz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="167"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="189"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="168"/>
        <source>Reveal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="179"/>
        <source>The API key would travel unencrypted over the network to this server. Use https:// unless the network between you and the server is trusted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="185"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="187"/>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="191"/>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="193"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="195"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="426"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="197"/>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="198"/>
        <source>Tests the saved URL and API key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="261"/>
        <source>The server&apos;s global API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="266"/>
        <source>A server cannot be renamed: remove it and add it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="268"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="281"/>
        <source>Version: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="283"/>
        <source>API key: valid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="284"/>
        <source>API key: refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="287"/>
        <source>WebSockets: on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="288"/>
        <source>WebSockets: off (WebSocket mode cannot be used)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="289"/>
        <source>WebSockets: unknown (the server has no instance to ask)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="292"/>
        <source>Instances: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="394"/>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="421"/>
        <source>Remove server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="422"/>
        <source>Remove the server “%1” from evodesk?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="424"/>
        <source>Its API key is deleted from the keyring and evodesk forgets its instances and their settings. Nothing changes on the server itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="448"/>
        <source>Server “%1” added. Press Check to test it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="451"/>
        <source>Changes to “%1” saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="454"/>
        <source>Server “%1” removed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskOwner</name>
    <message>
        <location filename="../../evodesk/ui/tasks.py" line="60"/>
        <source>Unexpected error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
