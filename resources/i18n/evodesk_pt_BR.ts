<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>ConfigDialog</name>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="44" />
        <source>Configure %1</source>
        <translation>Configurar %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="67" />
        <source>Webhook and WebSocket cannot be active at the same time: activating one deactivates the other.</source>
        <translation>Webhook e WebSocket não podem ficar ativos ao mesmo tempo: ativar um desativa o outro.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="70" />
        <source>Keep webhook</source>
        <translation>Manter webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="72" />
        <source>Keep WebSocket</source>
        <translation>Manter WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="81" />
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="93" />
        <source>Restart instance now</source>
        <translation>Reiniciar instância agora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="115" />
        <location filename="../../evodesk/ui/config_dialog.py" line="174" />
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="118" />
        <location filename="../../evodesk/ui/config_dialog.py" line="178" />
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="127" />
        <source>One URL per event (byEvents)</source>
        <translation>Uma URL por evento (byEvents)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="129" />
        <source>Base64 media (recommended)</source>
        <translation>Mídia em base64 (recomendado)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="131" />
        <source>Evolution puts images, audio and documents in the event itself. The server applies a change after the instance restarts.</source>
        <translation>A Evolution coloca imagens, áudios e documentos dentro do próprio evento. O servidor aplica a mudança depois que a instância reinicia.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="134" />
        <source>Test webhook</source>
        <translation>Testar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="136" />
        <location filename="../../evodesk/ui/config_dialog.py" line="259" />
        <source>Apply webhook</source>
        <translation>Aplicar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="149" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="153" />
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="160" />
        <source>In WebSocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation>No modo WebSocket a mídia chega sem base64: o base64 é só do webhook.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="163" />
        <source>Apply events</source>
        <translation>Aplicar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="175" />
        <source>Evolution POSTs each event to your URL.</source>
        <translation>A Evolution envia (POST) cada evento para a sua URL.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="179" />
        <source>evodesk holds a live connection and receives the events itself.</source>
        <translation>O evodesk mantém uma conexão em tempo real e recebe os eventos diretamente.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="259" />
        <source>Activate webhook</source>
        <translation>Ativar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="271" />
        <source>Live connection: %1</source>
        <translation>Conexão em tempo real: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="281" />
        <source>Events go to %1 and so on.</source>
        <translation>Os eventos vão para %1 e assim por diante.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="308" />
        <source>Enter the webhook URL and choose events, then press “Activate webhook”.</source>
        <translation>Informe a URL do webhook e escolha os eventos; depois clique em “Ativar webhook”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="324" />
        <source>Choose the events to receive (or tick “All events”), then turn WebSocket on.</source>
        <translation>Escolha os eventos a receber (ou marque “Todos os eventos”) e depois ative o WebSocket.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="345" />
        <source>Sending a test event…</source>
        <translation>Enviando um evento de teste…</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="117" />
        <source>evodesk is still running</source>
        <translation>O evodesk continua em execução</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="118" />
        <source>It keeps listening in the tray. To stop it, choose Quit in the tray menu.</source>
        <translation>Ele continua recebendo eventos na bandeja do sistema. Para encerrá-lo, escolha Sair no menu da bandeja.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="128" />
        <location filename="../../evodesk/ui/desktop.py" line="129" />
        <source>Quit evodesk?</source>
        <translation>Sair do evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="131" />
        <source>There is no system tray on this desktop, so evodesk stops listening when its window closes.</source>
        <translation>Esta área de trabalho não tem bandeja do sistema, então o evodesk para de receber eventos quando a janela é fechada.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="134" />
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="135" />
        <source>Keep running</source>
        <translation>Continuar executando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="153" />
        <source>No system tray</source>
        <translation>Sem bandeja do sistema</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="154" />
        <source>This desktop has no system tray.</source>
        <translation>Esta área de trabalho não tem bandeja do sistema.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="156" />
        <source>evodesk keeps listening only while its window is open; closing the window will ask whether to quit.</source>
        <translation>O evodesk só recebe eventos enquanto a janela está aberta; ao fechá-la, ele pergunta se deve sair.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="206" />
        <source>Could not change starting with the session</source>
        <translation>Não foi possível alterar a inicialização com a sessão</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="32" />
        <source>All events (Evolution sends every event)</source>
        <translation>Todos os eventos (sem filtro)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="34" />
        <source>Select all</source>
        <translation>Marcar todos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="36" />
        <source>Select none</source>
        <translation>Desmarcar todos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="72" />
        <source>Other</source>
        <translation>Outros</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="83" />
        <source>On the wire: %1</source>
        <translation>Nome no protocolo: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="91" />
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="92" />
        <source>Contacts and chats</source>
        <translation>Contatos e conversas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="93" />
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="94" />
        <source>Instance</source>
        <translation>Instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="95" />
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="145" />
        <source>Evolution will send every event, including chats, contacts and presence: expect a lot of traffic.</source>
        <translation>A Evolution vai enviar todos os eventos, inclusive conversas, contatos e presença: espere muito tráfego.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="149" />
        <source>No event chosen. Evolution treats an empty list as every event, so evodesk asks you to choose events or tick “All events”.</source>
        <translation>Nenhum evento escolhido. A Evolution trata uma lista vazia como todos os eventos, por isso o evodesk pede que você escolha eventos ou marque “Todos os eventos”.</translation>
    </message>
</context>
<context>
    <name>EventSummary</name>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="54" />
        <source>status: %1</source>
        <translation>status: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="56" />
        <source>connection: %1</source>
        <translation>conexão: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="62" />
        <source>QR code updated</source>
        <translation>QR code atualizado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="71" />
        <source>me → %1</source>
        <translation>eu → %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="87" />
        <source>[message]</source>
        <translation>[mensagem]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="101" />
        <source>offline since %1</source>
        <translation>offline desde %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="103" />
        <source>offline %1 → %2</source>
        <translation>offline %1 → %2</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="90" />
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="90" />
        <source>Server / instance</source>
        <translation>Servidor / instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="90" />
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="91" />
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="91" />
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="133" />
        <source>gap</source>
        <translation>lacuna</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="134" />
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="167" />
        <source>instance #%1</source>
        <translation>instância #%1</translation>
    </message>
</context>
<context>
    <name>EventsWindow</name>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="77" />
        <source>evodesk — Events</source>
        <translation>evodesk — Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="115" />
        <source>Live events are off in this window: showing stored events only.</source>
        <translation>Os eventos em tempo real estão desligados nesta janela: só os eventos armazenados são exibidos.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="132" />
        <source>All instances</source>
        <translation>Todas as instâncias</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="135" />
        <source>All events</source>
        <translation>Todos os eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="139" />
        <source>Search the summary and the JSON…</source>
        <translation>Buscar no resumo e no JSON…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="141" />
        <location filename="../../evodesk/ui/events_window.py" line="265" />
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="143" />
        <source>Hold new events; they are shown on resume</source>
        <translation>Retém os eventos novos; eles aparecem ao retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="151" />
        <source>Load older</source>
        <translation>Carregar anteriores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="152" />
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="153" />
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="154" />
        <source>Copy the selected event as JSON</source>
        <translation>Copiar o evento selecionado como JSON</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="155" />
        <source>Copy all</source>
        <translation>Copiar tudo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="156" />
        <source>Copy the events shown as JSON Lines</source>
        <translation>Copiar os eventos exibidos como JSON Lines</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="157" />
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="158" />
        <source>Save the events shown as a JSON Lines file</source>
        <translation>Salvar os eventos exibidos em um arquivo JSON Lines</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="197" />
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="197" />
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="263" />
        <source>Resume (%1 waiting)</source>
        <translation>Retomar (%1 na fila)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="310" />
        <source>%1 live events were dropped for this view: it fell behind.</source>
        <translation>%1 eventos em tempo real foram descartados nesta visualização: ela ficou para trás.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="315" />
        <source>Clear (%1)</source>
        <translation>Limpar (%1)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="317" />
        <source>%1 of %2 rows shown</source>
        <translation>%1 de %2 linhas exibidas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="336" />
        <source>Clear events</source>
        <translation>Limpar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="337" />
        <source>Also delete the %1 events stored in the database?</source>
        <translation>Excluir também os %1 eventos armazenados no banco de dados?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="340" />
        <source>The view is already clear. Deleted events cannot be loaded again.</source>
        <translation>A visualização já está limpa. Eventos excluídos não podem ser carregados de novo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="341" />
        <source>Delete stored events</source>
        <translation>Excluir eventos armazenados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="342" />
        <source>Keep them</source>
        <translation>Manter</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="361" />
        <source>Deleted %1 stored events.</source>
        <translation>%1 eventos armazenados foram excluídos.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="402" />
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="422" />
        <source>%1 more</source>
        <translation>mais %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="432" />
        <source>… (%1 characters)</source>
        <translation>… (%1 caracteres)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="470" />
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="471" />
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="494" />
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="497" />
        <source>Exported %1 events to %2</source>
        <translation>%1 eventos exportados para %2</translation>
    </message>
</context>
<context>
    <name>HeadersEditor</name>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42" />
        <source>Header</source>
        <translation>Cabeçalho</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42" />
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="49" />
        <source>Add header</source>
        <translation>Adicionar cabeçalho</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="51" />
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="84" />
        <source>The value is kept in the system keyring.</source>
        <translation>O valor fica guardado no chaveiro do sistema.</translation>
    </message>
</context>
<context>
    <name>InstanceTableModel</name>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="103" />
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="104" />
        <source>Instance</source>
        <translation>Instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="105" />
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="106" />
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="107" />
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="108" />
        <source>Live</source>
        <translation>Tempo real</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="109" />
        <source>Last sync</source>
        <translation>Última sincronização</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="110" />
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="142" />
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="142" />
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="149" />
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="152" />
        <source>conflict</source>
        <translation>conflito</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="154" />
        <source>attention</source>
        <translation>atenção</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="156" />
        <source>not on server</source>
        <translation>não está no servidor</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="68" />
        <source>evodesk</source>
        <translation>evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="100" />
        <source>No instances yet. Add an Evolution server with “Servers”, then press “Sync”.</source>
        <translation>Ainda não há instâncias. Adicione um servidor Evolution em “Servidores” e depois clique em “Sincronizar”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="115" />
        <source>Database: %1</source>
        <translation>Banco de dados: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="129" />
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="133" />
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="135" />
        <source>Read every instance's real state from its server</source>
        <translation>Lê no servidor o estado real de cada instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="143" />
        <source>Configure</source>
        <translation>Configurar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="145" />
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="147" />
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="158" />
        <source>Search name, number or profile…</source>
        <translation>Buscar nome, número ou perfil…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="162" />
        <location filename="../../evodesk/ui/main_window.py" line="225" />
        <source>All servers</source>
        <translation>Todos os servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="166" />
        <source>All modes</source>
        <translation>Todos os modos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="166" />
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="167" />
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="167" />
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="168" />
        <source>Conflict</source>
        <translation>Conflito</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="173" />
        <source>All states</source>
        <translation>Todos os estados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="173" />
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="174" />
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="175" />
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="293" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="305" />
        <source>Sync did not finish.</source>
        <translation>A sincronização não terminou.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="311" />
        <source>Sync finished.</source>
        <translation>Sincronização concluída.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="317" />
        <source>%1: %2 instance(s) in %3 s</source>
        <translation>%1: %2 instância(s) em %3 s</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="320" />
        <source>new: %1</source>
        <translation>novas: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="321" />
        <source>back on the server: %1</source>
        <translation>de volta ao servidor: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="322" />
        <source>no longer on the server (kept here): %1</source>
        <translation>não estão mais no servidor (mantidas aqui): %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="323" />
        <source>CONFLICT (webhook and websocket both on): %1</source>
        <translation>CONFLITO (webhook e websocket ativos): %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="329" />
        <source>changed: %1</source>
        <translation>alterada: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="331" />
        <source>could not read %1: %2</source>
        <translation>não foi possível ler %1: %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="334" />
        <source>no changes</source>
        <translation>sem alterações</translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="73" />
        <source>Not checked yet</source>
        <translation>Ainda não verificado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="75" />
        <source>Last check failed: %1</source>
        <translation>A última verificação falhou: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="77" />
        <source>Last check: version %1</source>
        <translation>Última verificação: versão %1</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="105" />
        <location filename="../../evodesk/ui/servers_dialog.py" line="127" />
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="132" />
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="160" />
        <source>For example: Matriz</source>
        <translation>Por exemplo: Matriz</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="167" />
        <location filename="../../evodesk/ui/servers_dialog.py" line="189" />
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="168" />
        <source>Reveal</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="179" />
        <source>The API key would travel unencrypted over the network to this server. Use https:// unless the network between you and the server is trusted.</source>
        <translation>A chave de API trafegaria sem criptografia pela rede até este servidor. Use https://, a menos que a rede entre você e o servidor seja confiável.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="185" />
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="187" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="191" />
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="193" />
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="195" />
        <location filename="../../evodesk/ui/servers_dialog.py" line="430" />
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="197" />
        <source>Check</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="198" />
        <source>Tests the saved URL and API key.</source>
        <translation>Testa a URL e a chave de API salvas.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="261" />
        <source>The server's global API key</source>
        <translation>A chave de API global do servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="266" />
        <source>A server cannot be renamed: remove it and add it again.</source>
        <translation>Não é possível renomear um servidor: remova-o e adicione-o de novo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="268" />
        <source>unchanged</source>
        <translation>sem alteração</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="281" />
        <source>Version: %1</source>
        <translation>Versão: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="283" />
        <source>API key: valid</source>
        <translation>Chave de API: válida</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="284" />
        <source>API key: refused</source>
        <translation>Chave de API: recusada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="287" />
        <source>WebSockets: on</source>
        <translation>WebSockets: ativados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="288" />
        <source>WebSockets: off (WebSocket mode cannot be used)</source>
        <translation>WebSockets: desativados (o modo WebSocket não pode ser usado)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="289" />
        <source>WebSockets: unknown (the server has no instance to ask)</source>
        <translation>WebSockets: indeterminado (o servidor não tem instância para consultar)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="292" />
        <source>Instances: %1</source>
        <translation>Instâncias: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="394" />
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="425" />
        <source>Remove server</source>
        <translation>Remover servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="426" />
        <source>Remove the server “%1” from evodesk?</source>
        <translation>Remover o servidor “%1” do evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="428" />
        <source>Its API key is deleted from the keyring and evodesk forgets its instances and their settings. Nothing changes on the server itself.</source>
        <translation>A chave de API dele é apagada do chaveiro e o evodesk esquece as instâncias e as configurações delas. Nada muda no próprio servidor.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="452" />
        <source>Server “%1” added. Press Check to test it.</source>
        <translation>Servidor “%1” adicionado. Clique em Verificar para testá-lo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="455" />
        <source>Changes to “%1” saved.</source>
        <translation>Alterações em “%1” salvas.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="458" />
        <source>Server “%1” removed.</source>
        <translation>Servidor “%1” removido.</translation>
    </message>
</context>
<context>
    <name>TaskOwner</name>
    <message>
        <location filename="../../evodesk/ui/tasks.py" line="60" />
        <source>Unexpected error: %1</source>
        <translation>Erro inesperado: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="62" />
        <source>Open evodesk</source>
        <translation>Abrir o evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="65" />
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="67" />
        <source>Pause notifications</source>
        <translation>Pausar notificações</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="68" />
        <source>For 1 hour</source>
        <translation>Por 1 hora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="70" />
        <source>Until resumed</source>
        <translation>Até retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="73" />
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="78" />
        <source>Start with the desktop session</source>
        <translation>Iniciar junto com a sessão</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="82" />
        <source>Keep running when the window is closed</source>
        <translation>Continuar executando ao fechar a janela</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="86" />
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="129" />
        <source>evodesk</source>
        <translation>evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="132" />
        <source>No instance in WebSocket mode</source>
        <translation>Nenhuma instância no modo WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="134" />
        <source>Needing attention: %1</source>
        <translation>Requerem atenção: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="138" />
        <source>Notifications paused until %1</source>
        <translation>Notificações pausadas até %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="141" />
        <source>Notifications paused until resumed</source>
        <translation>Notificações pausadas até serem retomadas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="166" />
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="180" />
        <source>No instances; sync to list them</source>
        <translation>Nenhuma instância; sincronize para listá-las</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="186" />
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
</context>
<context>
    <name>evodesk.app</name>
    <message>
        <location filename="../../evodesk/ui/app.py" line="108" />
        <source>evodesk is already running for this data folder but does not answer. Close it (or end its process) and start evodesk again.</source>
        <translation>O evodesk já está em execução para esta pasta de dados, mas não responde. Feche-o (ou encerre o processo dele) e inicie o evodesk de novo.</translation>
    </message>
</context>
<context>
    <name>evodesk.messages</name>
    <message>
        <source>Choose at least one event.</source>
        <translation>Escolha pelo menos um evento.</translation>
    </message>
    <message>
        <source>An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</source>
        <translation>Na Evolution, uma lista vazia significa todos os eventos; se é isso que você quer, peça todos os eventos explicitamente.</translation>
    </message>
    <message>
        <source>Choose either some events or all events, not both.</source>
        <translation>Escolha alguns eventos ou todos os eventos, não os dois.</translation>
    </message>
    <message>
        <source>The server URL must not contain '?' or '#'.</source>
        <translation>A URL do servidor não pode conter '?' nem '#'.</translation>
    </message>
    <message>
        <source>Check the URL, and that the server runs a supported Evolution API version.</source>
        <translation>Verifique a URL e se o servidor roda uma versão compatível da Evolution API.</translation>
    </message>
    <message>
        <source>Check that the Evolution server is running.</source>
        <translation>Verifique se o servidor Evolution está funcionando.</translation>
    </message>
    <message>
        <source>Check the URL.</source>
        <translation>Verifique a URL.</translation>
    </message>
    <message>
        <source>Check the URL, or any proxy in front of the server.</source>
        <translation>Verifique a URL ou o proxy que fica na frente do servidor.</translation>
    </message>
    <message>
        <source>This server has websockets switched off; websocket mode is not available.</source>
        <translation>Este servidor está com os websockets desligados; o modo WebSocket não está disponível.</translation>
    </message>
    <message>
        <source>The server refused the API key.</source>
        <translation>O servidor recusou a chave de API.</translation>
    </message>
    <message>
        <source>This server is not activated (licence required).</source>
        <translation>Este servidor não está ativado (licença necessária).</translation>
    </message>
    <message>
        <source>If the server uses its own certificate authority, give its CA bundle in the server settings.</source>
        <translation>Se o servidor usa uma autoridade certificadora própria, informe o pacote de CA dela nas configurações do servidor.</translation>
    </message>
    <message>
        <source>The server may speak plain http:// rather than https://.</source>
        <translation>Talvez o servidor use http:// simples em vez de https://.</translation>
    </message>
    <message>
        <source>Check the URL and port, and that the server is running.</source>
        <translation>Verifique a URL e a porta, e se o servidor está funcionando.</translation>
    </message>
    <message>
        <source>No working keyring was found, and evodesk never stores keys in plain text.</source>
        <translation>Nenhum chaveiro funcionando foi encontrado, e o evodesk nunca guarda chaves em texto puro.</translation>
    </message>
    <message>
        <source>Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</source>
        <translation>Instale e inicie um provedor de Secret Service (por exemplo: apt install gnome-keyring e depois entre em uma sessão gráfica, ou execute gnome-keyring-daemon), ou o KWallet no KDE.</translation>
    </message>
    <message>
        <source>The server refused the Socket.IO handshake.</source>
        <translation>O servidor recusou o handshake do Socket.IO.</translation>
    </message>
    <message>
        <source>The server could not accept the live connection now.</source>
        <translation>O servidor não pôde aceitar a conexão em tempo real agora.</translation>
    </message>
    <message>
        <source>The server does not speak Engine.IO 4.</source>
        <translation>O servidor não é compatível com Engine.IO 4.</translation>
    </message>
    <message>
        <source>The connection was lost.</source>
        <translation>A conexão caiu.</translation>
    </message>
    <message>
        <source>The server stopped answering (no ping).</source>
        <translation>O servidor parou de responder (sem ping).</translation>
    </message>
    <message>
        <source>The connection is closed.</source>
        <translation>A conexão está fechada.</translation>
    </message>
    <message>
        <source>The server's TLS certificate is not trusted.</source>
        <translation>O certificado TLS do servidor não é confiável.</translation>
    </message>
    <message>
        <source>The TLS handshake with the server failed.</source>
        <translation>O handshake TLS com o servidor falhou.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>O servidor não respondeu a tempo.</translation>
    </message>
    <message>
        <source>The server address is not a valid URL.</source>
        <translation>O endereço do servidor não é uma URL válida.</translation>
    </message>
    <message>
        <source>Could not connect to the server.</source>
        <translation>Não foi possível conectar ao servidor.</translation>
    </message>
    <message>
        <source>The server did not start the Socket.IO session.</source>
        <translation>O servidor não iniciou a sessão Socket.IO.</translation>
    </message>
    <message>
        <source>The server closed the connection at once.</source>
        <translation>O servidor fechou a conexão imediatamente.</translation>
    </message>
    <message>
        <source>The server sent a message that is too large.</source>
        <translation>O servidor enviou uma mensagem grande demais.</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>O servidor fechou a conexão.</translation>
    </message>
    <message>
        <source>The server ended the Socket.IO session.</source>
        <translation>O servidor encerrou a sessão Socket.IO.</translation>
    </message>
    <message>
        <source>Choose a database file.</source>
        <translation>Escolha um arquivo de banco de dados.</translation>
    </message>
    <message>
        <source>Choose another file; this one was left as it was.</source>
        <translation>Escolha outro arquivo; este não foi alterado.</translation>
    </message>
    <message>
        <source>Use a file path such as sqlite:///path/to/evodesk.db or a PostgreSQL URL.</source>
        <translation>Use um caminho de arquivo como sqlite:///caminho/para/evodesk.db ou uma URL do PostgreSQL.</translation>
    </message>
    <message>
        <source>Use SQLite (the default) or PostgreSQL.</source>
        <translation>Use SQLite (o padrão) ou PostgreSQL.</translation>
    </message>
    <message>
        <source>Update evodesk or choose another database.</source>
        <translation>Atualize o evodesk ou escolha outro banco de dados.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Escolha outro nome.</translation>
    </message>
    <message>
        <source>Check the address, the user name and that the database server is running.</source>
        <translation>Verifique o endereço, o nome de usuário e se o servidor de banco de dados está funcionando.</translation>
    </message>
    <message>
        <source>Check that the folder exists and that you may write to it.</source>
        <translation>Verifique se a pasta existe e se você tem permissão de escrita nela.</translation>
    </message>
    <message>
        <source>Choose another file.</source>
        <translation>Escolha outro arquivo.</translation>
    </message>
    <message>
        <source>The database is closed.</source>
        <translation>O banco de dados está fechado.</translation>
    </message>
    <message>
        <source>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation).</source>
        <translation>O banco de dados recusou a alteração porque ela entra em conflito com o que ele contém (talvez ele tenha sido alterado em outra estação de trabalho).</translation>
    </message>
    <message>
        <source>Sync and try again.</source>
        <translation>Sincronize e tente de novo.</translation>
    </message>
    <message>
        <source>Run a sync, or name its server with --server.</source>
        <translation>Sincronize ou informe o servidor com --server.</translation>
    </message>
    <message>
        <source>No servers yet.</source>
        <translation>Ainda não há servidores.</translation>
    </message>
    <message>
        <source>Check the key stored for it.</source>
        <translation>Verifique a chave salva para ele.</translation>
    </message>
    <message>
        <source>This instance name cannot be used as a Socket.IO namespace.</source>
        <translation>Este nome de instância não pode ser usado como namespace do Socket.IO.</translation>
    </message>
    <message>
        <source>Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</source>
        <translation>Peça ao administrador para definir WEBSOCKET_ENABLED=true ou use um webhook.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server; keep one of them.</source>
        <translation>Webhook e WebSocket estão ativados ao mesmo tempo no servidor; mantenha só um deles.</translation>
    </message>
    <message>
        <source>Webhook enabled.</source>
        <translation>Webhook ativado.</translation>
    </message>
    <message>
        <source>WebSocket enabled.</source>
        <translation>WebSocket ativado.</translation>
    </message>
    <message>
        <source>WebSocket was disabled.</source>
        <translation>O WebSocket foi desativado.</translation>
    </message>
    <message>
        <source>Webhook was disabled.</source>
        <translation>O webhook foi desativado.</translation>
    </message>
    <message>
        <source>Delivery disabled: messages will not be received.</source>
        <translation>Entrega desativada: as mensagens não serão recebidas.</translation>
    </message>
    <message>
        <source>Nothing was active; no change was needed.</source>
        <translation>Nada estava ativo; nenhuma alteração foi necessária.</translation>
    </message>
    <message>
        <source>The previous mode was put back.</source>
        <translation>O modo anterior foi restaurado.</translation>
    </message>
    <message>
        <source>Nothing was changed.</source>
        <translation>Nada foi alterado.</translation>
    </message>
    <message>
        <source>There is no webhook on the server to keep.</source>
        <translation>Não há webhook no servidor para manter.</translation>
    </message>
    <message>
        <source>Check the instance, then Sync.</source>
        <translation>Verifique a instância e depois clique em Sincronizar.</translation>
    </message>
    <message>
        <source>The server applies the base64 change after the instance restarts.</source>
        <translation>O servidor aplica a mudança de base64 depois que a instância reinicia.</translation>
    </message>
    <message>
        <source>Restart the instance now to apply it.</source>
        <translation>Reinicie a instância agora para aplicá-la.</translation>
    </message>
    <message>
        <source>In websocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation>No modo WebSocket a mídia chega sem base64: o base64 é só do webhook.</translation>
    </message>
    <message>
        <source>The API key is empty.</source>
        <translation>A chave de API está vazia.</translation>
    </message>
    <message>
        <source>Edit the server and enter its key again.</source>
        <translation>Edite o servidor e informe a chave de novo.</translation>
    </message>
    <message>
        <source>This server has websockets switched off.</source>
        <translation>Este servidor está com os websockets desligados.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice.</source>
        <translation>Webhook e WebSocket estão ativados ao mesmo tempo no servidor (alterado fora do evodesk): cada evento é entregue duas vezes.</translation>
    </message>
    <message>
        <source>Keep one of them.</source>
        <translation>Mantenha só um deles.</translation>
    </message>
    <message>
        <source>Evolution would retry this status (up to 10 times, so slow or failing receivers get duplicates).</source>
        <translation>A Evolution tentaria de novo com este status (até 10 vezes; receptores lentos ou com falha recebem duplicados).</translation>
    </message>
    <message>
        <source>Evolution would not retry this status.</source>
        <translation>A Evolution não tentaria de novo com este status.</translation>
    </message>
    <message>
        <source>Evolution would retry.</source>
        <translation>A Evolution tentaria de novo.</translation>
    </message>
    <message>
        <source>  no changes</source>
        <translation>  sem alterações</translation>
    </message>
    <message>
        <source>The server name must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>O nome do servidor deve ter de 1 a 64 letras, dígitos, espaços, pontos, hífens ou sublinhados.</translation>
    </message>
    <message>
        <source>The server URL is empty.</source>
        <translation>A URL do servidor está vazia.</translation>
    </message>
    <message>
        <source>The server URL must not contain spaces.</source>
        <translation>A URL do servidor não pode conter espaços.</translation>
    </message>
    <message>
        <source>The server URL must start with http:// or https://.</source>
        <translation>A URL do servidor deve começar com http:// ou https://.</translation>
    </message>
    <message>
        <source>The server URL has an invalid port.</source>
        <translation>A URL do servidor tem uma porta inválida.</translation>
    </message>
    <message>
        <source>The server URL has no host name.</source>
        <translation>A URL do servidor não tem nome de host.</translation>
    </message>
    <message>
        <source>The webhook URL is empty.</source>
        <translation>A URL do webhook está vazia.</translation>
    </message>
    <message>
        <source>The webhook URL must not contain spaces.</source>
        <translation>A URL do webhook não pode conter espaços.</translation>
    </message>
    <message>
        <source>The webhook URL must start with http:// or https://.</source>
        <translation>A URL do webhook deve começar com http:// ou https://.</translation>
    </message>
    <message>
        <source>The webhook URL has an invalid port.</source>
        <translation>A URL do webhook tem uma porta inválida.</translation>
    </message>
    <message>
        <source>The webhook URL has no host name.</source>
        <translation>A URL do webhook não tem nome de host.</translation>
    </message>
    <message>
        <source>Enabling the webhook failed: The server refused the API key.</source>
        <translation>Falha ao ativar o webhook: o servidor recusou a chave de API.</translation>
    </message>
    <message>
        <source>Enabling the webhook failed: This server is not activated (licence required).</source>
        <translation>Falha ao ativar o webhook: este servidor não está ativado (licença necessária).</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: The server refused the API key.</source>
        <translation>Falha ao ativar o WebSocket: o servidor recusou a chave de API.</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: This server is not activated (licence required).</source>
        <translation>Falha ao ativar o WebSocket: este servidor não está ativado (licença necessária).</translation>
    </message>
    <message>
        <source>Disabling delivery failed: The server refused the API key.</source>
        <translation>Falha ao desativar a entrega: o servidor recusou a chave de API.</translation>
    </message>
    <message>
        <source>Disabling delivery failed: This server is not activated (licence required).</source>
        <translation>Falha ao desativar a entrega: este servidor não está ativado (licença necessária).</translation>
    </message>
    <message>
        <source>Enabling the websocket failed: This server has websockets switched off; websocket mode is not available.</source>
        <translation>Falha ao ativar o WebSocket: este servidor está com os websockets desligados; o modo WebSocket não está disponível.</translation>
    </message>
    <message>
        <source>Webhook enabled. WebSocket was disabled.</source>
        <translation>Webhook ativado. O WebSocket foi desativado.</translation>
    </message>
    <message>
        <source>WebSocket enabled. Webhook was disabled.</source>
        <translation>WebSocket ativado. O webhook foi desativado.</translation>
    </message>
    <message>
        <source>The server applies the base64 change after the instance restarts. Restart the instance now to apply it.</source>
        <translation>O servidor aplica a mudança de base64 depois que a instância reinicia. Reinicie a instância agora para aplicá-la.</translation>
    </message>
    <message>
        <source>Webhook and WebSocket are both enabled on the server (changed outside evodesk): every event is delivered twice. Keep one of them.</source>
        <translation>Webhook e WebSocket estão ativados ao mesmo tempo no servidor (alterado fora do evodesk): cada evento é entregue duas vezes. Mantenha só um deles.</translation>
    </message>
    <message>
        <source>This server has websockets switched off; websocket mode is not available. Ask its administrator to set WEBSOCKET_ENABLED=true, or use a webhook.</source>
        <translation>Este servidor está com os websockets desligados; o modo WebSocket não está disponível. Peça ao administrador para definir WEBSOCKET_ENABLED=true ou use um webhook.</translation>
    </message>
    <message>
        <source>No working keyring was found, and evodesk never stores keys in plain text. Install and start a Secret Service provider (for example: apt install gnome-keyring, then log in to a desktop session, or run gnome-keyring-daemon), or KWallet on KDE.</source>
        <translation>Nenhum chaveiro funcionando foi encontrado, e o evodesk nunca guarda chaves em texto puro. Instale e inicie um provedor de Secret Service (por exemplo: apt install gnome-keyring e depois entre em uma sessão gráfica, ou execute gnome-keyring-daemon), ou o KWallet no KDE.</translation>
    </message>
    <message>
        <source>Choose at least one event. An empty list means every event on Evolution; ask for all events explicitly if that is what you want.</source>
        <translation>Escolha pelo menos um evento. Na Evolution, uma lista vazia significa todos os eventos; se é isso que você quer, peça todos os eventos explicitamente.</translation>
    </message>
    <message>
        <source>The database refused the change because it conflicts with what it holds (it may have been changed from another workstation). Sync and try again.</source>
        <translation>O banco de dados recusou a alteração porque ela entra em conflito com o que ele contém (talvez ele tenha sido alterado em outra estação de trabalho). Sincronize e tente de novo.</translation>
    </message>
</context>
<context>
    <name>evodesk.notifications</name>
    <message>
        <source>%1 new messages while notifications were off</source>
        <translation>%1 mensagens novas enquanto as notificações estavam desligadas</translation>
    </message>
    <message>
        <source>On %1</source>
        <translation>Em %1</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 em %2</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>%1 new messages on %2</source>
        <translation>%1 mensagens novas em %2</translation>
    </message>
    <message>
        <source>Latest from %1: %2</source>
        <translation>Última de %1: %2</translation>
    </message>
    <message>
        <source>%1 disconnected from WhatsApp</source>
        <translation>%1 desconectou do WhatsApp</translation>
    </message>
    <message>
        <source>WhatsApp closed the connection (reason %1).</source>
        <translation>O WhatsApp encerrou a conexão (motivo %1).</translation>
    </message>
    <message>
        <source>WhatsApp closed the connection.</source>
        <translation>O WhatsApp encerrou a conexão.</translation>
    </message>
    <message>
        <source>%1 was logged out of WhatsApp</source>
        <translation>%1: sessão do WhatsApp encerrada</translation>
    </message>
    <message>
        <source>Scan a new QR code to use this number again.</source>
        <translation>Escaneie um novo QR code para voltar a usar este número.</translation>
    </message>
    <message>
        <source>%1 is waiting for a QR code scan</source>
        <translation>%1 aguarda a leitura de um QR code</translation>
    </message>
    <message>
        <source>Open the instance and scan the code with its phone.</source>
        <translation>Abra a instância e escaneie o código com o celular do número.</translation>
    </message>
    <message>
        <source>%1 refused the API key</source>
        <translation>%1 recusou a chave de API</translation>
    </message>
    <message>
        <source>Cannot listen to %1</source>
        <translation>Não foi possível receber eventos de %1</translation>
    </message>
    <message>
        <source>Check the server's key under Servers.</source>
        <translation>Verifique a chave do servidor em Servidores.</translation>
    </message>
    <message>
        <source>Lost the live connection to %1</source>
        <translation>Conexão em tempo real com %1 perdida</translation>
    </message>
    <message>
        <source>Not hearing %1</source>
        <translation>Sem eventos de %1</translation>
    </message>
    <message>
        <source>Still retrying after a minute: %1</source>
        <translation>Ainda tentando após um minuto: %1</translation>
    </message>
    <message>
        <source>Still retrying after a minute.</source>
        <translation>Ainda tentando após um minuto.</translation>
    </message>
</context>
<context>
    <name>evodesk.texts</name>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="30" />
        <source>not running</source>
        <translation>não iniciada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="32" />
        <source>stopped</source>
        <translation>parada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="33" />
        <location filename="../../evodesk/ui/texts.py" line="44" />
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="34" />
        <source>live</source>
        <translation>ativa</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="35" />
        <source>waiting for the server</source>
        <translation>aguardando o servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="36" />
        <source>retrying</source>
        <translation>tentando de novo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="37" />
        <source>refused (check the API key)</source>
        <translation>recusada (verifique a chave de API)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="43" />
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="45" />
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="46" />
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="52" />
        <source>Both (conflict)</source>
        <translation>Ambos (conflito)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="54" />
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="55" />
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="56" />
        <source>None</source>
        <translation>Nenhuma</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="64" />
        <source>Webhook and WebSocket are both active on the server: every event arrives twice. Keep one of them.</source>
        <translation>Webhook e WebSocket estão ativos ao mesmo tempo no servidor: cada evento chega duas vezes. Mantenha só um deles.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="68" />
        <source>Webhook active, base64: yes</source>
        <translation>Webhook ativo, base64: sim</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="69" />
        <source>Webhook active, base64: no</source>
        <translation>Webhook ativo, base64: não</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="73" />
        <source>WebSocket connected</source>
        <translation>WebSocket conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="75" />
        <source>WebSocket active; live connection: %1</source>
        <translation>WebSocket ativo; conexão em tempo real: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="79" />
        <source>No active delivery: messages will not be received</source>
        <translation>Nenhuma entrega ativa: as mensagens não serão recebidas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="82" />
        <source>Needs attention: %1</source>
        <translation>Requer atenção: %1</translation>
    </message>
</context>
</TS>
