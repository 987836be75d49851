<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>Banner</name>
    <message>
        <location filename="../../evodesk/ui/widgets.py" line="121"/>
        <location filename="../../evodesk/ui/widgets.py" line="122"/>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
</context>
<context>
    <name>ConfigDialog</name>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="102"/>
        <source>Configure %1</source>
        <translation>Configurar %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="137"/>
        <source>Webhook and WebSocket cannot be active at the same time: activating one deactivates the other.</source>
        <translation>Webhook e WebSocket não podem ficar ativos ao mesmo tempo: ativar um desativa o outro.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="140"/>
        <source>Keep webhook</source>
        <translation>Manter webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="142"/>
        <source>Keep WebSocket</source>
        <translation>Manter WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="151"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="163"/>
        <source>Restart instance now</source>
        <translation>Reiniciar instância agora</translation>
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
        <translation>Uma URL por evento (byEvents)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="213"/>
        <source>Base64 media (recommended)</source>
        <translation>Mídia em base64 (recomendado)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="215"/>
        <source>Evolution puts images, audio and documents in the event itself. The server applies a change after the instance restarts.</source>
        <translation>A Evolution coloca imagens, áudios e documentos dentro do próprio evento. O servidor aplica a mudança depois que a instância reinicia.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="218"/>
        <source>Test webhook</source>
        <translation>Testar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="220"/>
        <location filename="../../evodesk/ui/config_dialog.py" line="354"/>
        <source>Apply webhook</source>
        <translation>Aplicar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="233"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="237"/>
        <source>Headers</source>
        <translation>Cabeçalhos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="244"/>
        <source>In WebSocket mode media arrive without base64: base64 belongs to the webhook.</source>
        <translation>No modo WebSocket a mídia chega sem base64: o base64 é só do webhook.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="247"/>
        <source>Apply events</source>
        <translation>Aplicar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="259"/>
        <source>Evolution POSTs each event to your URL.</source>
        <translation>A Evolution envia (POST) cada evento para a sua URL.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="263"/>
        <source>evodesk holds a live connection and receives the events itself.</source>
        <translation>O evodesk mantém uma conexão em tempo real e recebe os eventos diretamente.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="354"/>
        <source>Activate webhook</source>
        <translation>Ativar webhook</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="369"/>
        <source>Live connection: %1</source>
        <translation>Conexão em tempo real: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="381"/>
        <source>Events go to %1 and so on.</source>
        <translation>Os eventos vão para %1 e assim por diante.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="414"/>
        <source>Enter the webhook URL and choose events, then press “Activate webhook”.</source>
        <translation>Informe a URL do webhook e escolha os eventos; depois clique em “Ativar webhook”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="430"/>
        <source>Choose the events to receive (or tick “All events”), then turn WebSocket on.</source>
        <translation>Escolha os eventos a receber (ou marque “Todos os eventos”) e depois ative o WebSocket.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/config_dialog.py" line="451"/>
        <source>Sending a test event…</source>
        <translation>Enviando um evento de teste…</translation>
    </message>
</context>
<context>
    <name>Desktop</name>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="122"/>
        <source>evodesk is still running</source>
        <translation>O evodesk continua em execução</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="123"/>
        <source>It keeps listening in the tray. To stop it, choose Quit in the tray menu.</source>
        <translation>Ele continua recebendo eventos na bandeja do sistema. Para encerrá-lo, escolha Sair no menu da bandeja.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="133"/>
        <location filename="../../evodesk/ui/desktop.py" line="134"/>
        <source>Quit evodesk?</source>
        <translation>Sair do evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="136"/>
        <source>There is no system tray on this desktop, so evodesk stops listening when its window closes.</source>
        <translation>Esta área de trabalho não tem bandeja do sistema, então o evodesk para de receber eventos quando a janela é fechada.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="139"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="140"/>
        <source>Keep running</source>
        <translation>Continuar executando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="158"/>
        <source>No system tray</source>
        <translation>Sem bandeja do sistema</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="159"/>
        <source>This desktop has no system tray.</source>
        <translation>Esta área de trabalho não tem bandeja do sistema.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="161"/>
        <source>evodesk keeps listening only while its window is open; closing the window will ask whether to quit.</source>
        <translation>O evodesk só recebe eventos enquanto a janela está aberta; ao fechá-la, ele pergunta se deve sair.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/desktop.py" line="211"/>
        <source>Could not change starting with the session</source>
        <translation>Não foi possível alterar a inicialização com a sessão</translation>
    </message>
</context>
<context>
    <name>EventPicker</name>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="32"/>
        <source>All events (Evolution sends every event)</source>
        <translation>Todos os eventos (sem filtro)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="34"/>
        <source>Select all</source>
        <translation>Marcar todos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="36"/>
        <source>Select none</source>
        <translation>Desmarcar todos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="72"/>
        <source>Other</source>
        <translation>Outros</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="83"/>
        <source>On the wire: %1</source>
        <translation>Nome no protocolo: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="91"/>
        <source>Messages</source>
        <translation>Mensagens</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="92"/>
        <source>Contacts and chats</source>
        <translation>Contatos e conversas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="93"/>
        <source>Groups</source>
        <translation>Grupos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="94"/>
        <source>Instance</source>
        <translation>Instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="95"/>
        <source>Bots</source>
        <translation>Bots</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="145"/>
        <source>Evolution will send every event, including chats, contacts and presence: expect a lot of traffic.</source>
        <translation>A Evolution vai enviar todos os eventos, inclusive conversas, contatos e presença: espere muito tráfego.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_picker.py" line="149"/>
        <source>No event chosen. Evolution treats an empty list as every event, so evodesk asks you to choose events or tick “All events”.</source>
        <translation>Nenhum evento escolhido. A Evolution trata uma lista vazia como todos os eventos, por isso o evodesk pede que você escolha eventos ou marque “Todos os eventos”.</translation>
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
        <translation>conexão: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="112"/>
        <source>QR code updated</source>
        <translation>QR code atualizado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="121"/>
        <source>me → %1</source>
        <translation>eu → %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="137"/>
        <source>[message]</source>
        <translation>[mensagem]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="145"/>
        <source>[image]</source>
        <translation>[imagem]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="147"/>
        <source>[video]</source>
        <translation>[vídeo]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="149"/>
        <source>[audio]</source>
        <translation>[áudio]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="151"/>
        <source>[document]</source>
        <translation>[documento]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="153"/>
        <source>[sticker]</source>
        <translation>[figurinha]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="155"/>
        <source>[location]</source>
        <translation>[localização]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="157"/>
        <source>[contact]</source>
        <translation>[contato]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="159"/>
        <source>[poll]</source>
        <translation>[enquete]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="161"/>
        <source>[reaction]</source>
        <translation>[reação]</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="179"/>
        <source>offline since %1</source>
        <translation>offline desde %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="180"/>
        <source>offline %1 → %2</source>
        <translation>offline %1 → %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="184"/>
        <source>offline on %1 since %2</source>
        <translation>offline em %1 desde %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_summary.py" line="185"/>
        <source>offline on %1 %2 → %3</source>
        <translation>offline em %1 %2 → %3</translation>
    </message>
</context>
<context>
    <name>EventTableModel</name>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Server / instance</source>
        <translation>Servidor / instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="101"/>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="102"/>
        <source>Summary</source>
        <translation>Resumo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="102"/>
        <source>Duplicate</source>
        <translation>Duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="148"/>
        <source>gap</source>
        <translation>lacuna</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="152"/>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/event_model.py" line="201"/>
        <source>instance #%1</source>
        <translation>instância #%1</translation>
    </message>
</context>
<context>
    <name>EventsWindow</name>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="98"/>
        <source>evodesk — Events</source>
        <translation>evodesk — Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="142"/>
        <source>Live events are off in this window: showing stored events only.</source>
        <translation>Os eventos em tempo real estão desligados nesta janela: só os eventos armazenados são exibidos.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="159"/>
        <source>All instances</source>
        <translation>Todas as instâncias</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="162"/>
        <source>All events</source>
        <translation>Todos os eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="166"/>
        <source>Search the summary and the JSON…</source>
        <translation>Buscar no resumo e no JSON…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="168"/>
        <location filename="../../evodesk/ui/events_window.py" line="348"/>
        <source>Pause</source>
        <translation>Pausar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="170"/>
        <source>Hold new events; they are shown on resume</source>
        <translation>Retém os eventos novos; eles aparecem ao retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="178"/>
        <source>Load older</source>
        <translation>Carregar anteriores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="179"/>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="180"/>
        <source>Copy</source>
        <translation>Copiar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="181"/>
        <source>Copy the selected event as JSON</source>
        <translation>Copiar o evento selecionado como JSON</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="182"/>
        <source>Copy all</source>
        <translation>Copiar tudo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="183"/>
        <source>Copy the events shown as JSON Lines</source>
        <translation>Copiar os eventos exibidos como JSON Lines</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="184"/>
        <source>Export…</source>
        <translation>Exportar…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="185"/>
        <source>Save the events shown as a JSON Lines file</source>
        <translation>Salvar os eventos exibidos em um arquivo JSON Lines</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="226"/>
        <source>Key</source>
        <translation>Chave</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="226"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="346"/>
        <source>Resume (%1 waiting)</source>
        <translation>Retomar (%1 na fila)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="393"/>
        <source>%1 live events were dropped for this view: it fell behind.</source>
        <translation>%1 eventos em tempo real foram descartados nesta visualização: ela ficou para trás.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="399"/>
        <source>%1 events could not be stored in the database; the log says why.</source>
        <translation>%1 eventos não puderam ser gravados no banco de dados; o arquivo de log diz o motivo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="404"/>
        <source>Clear (%1)</source>
        <translation>Limpar (%1)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="406"/>
        <source>%1 of %2 rows shown</source>
        <translation>%1 de %2 linhas exibidas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="425"/>
        <source>Clear events</source>
        <translation>Limpar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="426"/>
        <source>Also delete the %1 events stored in the database?</source>
        <translation>Excluir também os %1 eventos armazenados no banco de dados?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="429"/>
        <source>The view is already clear. Deleted events cannot be loaded again.</source>
        <translation>A visualização já está limpa. Eventos excluídos não podem ser carregados de novo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="432"/>
        <source>This database is shared: they are deleted for every workstation that uses it.</source>
        <translation>Este banco de dados é compartilhado: eles serão excluídos para todas as estações de trabalho que o usam.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="434"/>
        <source>Delete stored events</source>
        <translation>Excluir eventos armazenados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="435"/>
        <source>Keep them</source>
        <translation>Manter</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="454"/>
        <source>Deleted %1 stored events.</source>
        <translation>%1 eventos armazenados foram excluídos.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="485"/>
        <source>Select an event to see all its fields.</source>
        <translation>Selecione um evento para ver todos os seus campos.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="493"/>
        <source>duplicate</source>
        <translation>duplicado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="514"/>
        <source>%1 more</source>
        <translation>mais %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="531"/>
        <source>… (%1 characters)</source>
        <translation>… (%1 caracteres)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="582"/>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="583"/>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="589"/>
        <source>&amp;Look in:</source>
        <translation>&amp;Procurar em:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="590"/>
        <source>File &amp;name:</source>
        <translation>&amp;Nome do arquivo:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="591"/>
        <source>Files of &amp;type:</source>
        <translation>Arquivos do &amp;tipo:</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="592"/>
        <source>&amp;Save</source>
        <translation>&amp;Salvar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="593"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="617"/>
        <source>Could not write %1: %2</source>
        <translation>Não foi possível gravar %1: %2</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/events_window.py" line="620"/>
        <source>Exported %1 events to %2</source>
        <translation>%1 eventos exportados para %2</translation>
    </message>
</context>
<context>
    <name>HeadersEditor</name>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Header</source>
        <translation>Cabeçalho</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="42"/>
        <source>Value</source>
        <translation>Valor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="49"/>
        <source>Add header</source>
        <translation>Adicionar cabeçalho</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="51"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/headers_editor.py" line="84"/>
        <source>The value is kept in the system keyring.</source>
        <translation>O valor fica guardado no chaveiro do sistema.</translation>
    </message>
</context>
<context>
    <name>InstanceTableModel</name>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="161"/>
        <source>Server</source>
        <translation>Servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="162"/>
        <source>Instance</source>
        <translation>Instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="163"/>
        <source>WhatsApp</source>
        <translation>WhatsApp</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="164"/>
        <source>Delivery</source>
        <translation>Entrega</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="165"/>
        <source>Base64</source>
        <translation>Base64</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="166"/>
        <source>Live</source>
        <translation>Tempo real</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="167"/>
        <source>Last sync</source>
        <translation>Última sincronização</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="168"/>
        <source>Attention</source>
        <translation>Atenção</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="200"/>
        <source>yes</source>
        <translation>sim</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="200"/>
        <source>no</source>
        <translation>não</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="207"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="210"/>
        <source>conflict</source>
        <translation>conflito</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="212"/>
        <source>attention</source>
        <translation>atenção</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/instance_model.py" line="214"/>
        <source>not on server</source>
        <translation>não está no servidor</translation>
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
        <translation>Ainda não há instâncias. Adicione um servidor Evolution em “Servidores” e depois clique em “Sincronizar”.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="139"/>
        <source>Database: %1</source>
        <translation>Banco de dados: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="153"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="157"/>
        <source>Sync</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="159"/>
        <source>Read every instance&apos;s real state from its server</source>
        <translation>Lê no servidor o estado real de cada instância</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="167"/>
        <source>Configure</source>
        <translation>Configurar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="169"/>
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="171"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="182"/>
        <source>Search name, number or profile…</source>
        <translation>Buscar nome, número ou perfil…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="186"/>
        <location filename="../../evodesk/ui/main_window.py" line="269"/>
        <source>All servers</source>
        <translation>Todos os servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="190"/>
        <source>All modes</source>
        <translation>Todos os modos</translation>
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
        <translation>Nenhum</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="192"/>
        <source>Conflict</source>
        <translation>Conflito</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="197"/>
        <source>All states</source>
        <translation>Todos os estados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="197"/>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="198"/>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="199"/>
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="363"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="375"/>
        <source>Sync did not finish.</source>
        <translation>A sincronização não terminou.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/main_window.py" line="381"/>
        <source>Sync finished.</source>
        <translation>Sincronização concluída.</translation>
    </message>
</context>
<context>
    <name>ServerListModel</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="75"/>
        <source>Not checked yet</source>
        <translation>Ainda não verificado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="77"/>
        <source>Last check failed: %1</source>
        <translation>A última verificação falhou: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="79"/>
        <source>Last check: version %1</source>
        <translation>Última verificação: versão %1</translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="107"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="129"/>
        <source>Servers</source>
        <translation>Servidores</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="134"/>
        <source>New</source>
        <translation>Novo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="162"/>
        <source>For example: Matriz</source>
        <translation>Por exemplo: Matriz</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="169"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="191"/>
        <source>API key</source>
        <translation>Chave de API</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="170"/>
        <source>Reveal</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="181"/>
        <source>The API key would travel unencrypted over the network to this server. Use https:// unless the network between you and the server is trusted.</source>
        <translation>A chave de API trafegaria sem criptografia pela rede até este servidor. Use https://, a menos que a rede entre você e o servidor seja confiável.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="187"/>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="189"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="193"/>
        <source>Add</source>
        <translation>Adicionar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="195"/>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="197"/>
        <location filename="../../evodesk/ui/servers_dialog.py" line="435"/>
        <source>Remove</source>
        <translation>Remover</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="199"/>
        <source>Check</source>
        <translation>Verificar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="200"/>
        <source>Tests the saved URL and API key.</source>
        <translation>Testa a URL e a chave de API salvas.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="263"/>
        <source>The server&apos;s global API key</source>
        <translation>A chave de API global do servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="268"/>
        <source>A server cannot be renamed: remove it and add it again.</source>
        <translation>Não é possível renomear um servidor: remova-o e adicione-o de novo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="270"/>
        <source>unchanged</source>
        <translation>sem alteração</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="283"/>
        <source>Version: %1</source>
        <translation>Versão: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="285"/>
        <source>API key: valid</source>
        <translation>Chave de API: válida</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="286"/>
        <source>API key: refused</source>
        <translation>Chave de API: recusada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="289"/>
        <source>WebSockets: on</source>
        <translation>WebSockets: ativados</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="290"/>
        <source>WebSockets: off (WebSocket mode cannot be used)</source>
        <translation>WebSockets: desativados (o modo WebSocket não pode ser usado)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="291"/>
        <source>WebSockets: unknown (the server has no instance to ask)</source>
        <translation>WebSockets: indeterminado (o servidor não tem instância para consultar)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="294"/>
        <source>Instances: %1</source>
        <translation>Instâncias: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="399"/>
        <source>Checking…</source>
        <translation>Verificando…</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="430"/>
        <source>Remove server</source>
        <translation>Remover servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="431"/>
        <source>Remove the server “%1” from evodesk?</source>
        <translation>Remover o servidor “%1” do evodesk?</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="433"/>
        <source>Its API key is deleted from the keyring and evodesk forgets its instances and their settings. Nothing changes on the server itself.</source>
        <translation>A chave de API dele é apagada do chaveiro e o evodesk esquece as instâncias e as configurações delas. Nada muda no próprio servidor.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="457"/>
        <source>Server “%1” added. Press Check to test it.</source>
        <translation>Servidor “%1” adicionado. Clique em Verificar para testá-lo.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="460"/>
        <source>Changes to “%1” saved.</source>
        <translation>Alterações em “%1” salvas.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/servers_dialog.py" line="463"/>
        <source>Server “%1” removed.</source>
        <translation>Servidor “%1” removido.</translation>
    </message>
</context>
<context>
    <name>TaskOwner</name>
    <message>
        <location filename="../../evodesk/ui/tasks.py" line="60"/>
        <source>Unexpected error: %1</source>
        <translation>Erro inesperado: %1</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="90"/>
        <source>Open evodesk</source>
        <translation>Abrir o evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="93"/>
        <source>Sync now</source>
        <translation>Sincronizar agora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="95"/>
        <source>Pause notifications</source>
        <translation>Pausar notificações</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="96"/>
        <source>For 1 hour</source>
        <translation>Por 1 hora</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="98"/>
        <source>Until resumed</source>
        <translation>Até retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="101"/>
        <source>Resume</source>
        <translation>Retomar</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="106"/>
        <source>Start with the desktop session</source>
        <translation>Iniciar junto com a sessão</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="110"/>
        <source>Keep running when the window is closed</source>
        <translation>Continuar executando ao fechar a janela</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="114"/>
        <source>Quit</source>
        <translation>Sair</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="166"/>
        <source>evodesk</source>
        <translation>evodesk</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="169"/>
        <source>No instance in WebSocket mode</source>
        <translation>Nenhuma instância no modo WebSocket</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="171"/>
        <source>Needing attention: %1</source>
        <translation>Requerem atenção: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="175"/>
        <source>Notifications paused until %1</source>
        <translation>Notificações pausadas até %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="178"/>
        <source>Notifications paused until resumed</source>
        <translation>Notificações pausadas até serem retomadas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="205"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="219"/>
        <source>No instances; sync to list them</source>
        <translation>Nenhuma instância; sincronize para listá-las</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="229"/>
        <source>%1 — %2, %3</source>
        <translation>%1 — %2, %3</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/tray.py" line="245"/>
        <source>%1 more in evodesk…</source>
        <translation>Mais %1 no evodesk…</translation>
    </message>
</context>
<context>
    <name>evodesk.app</name>
    <message>
        <location filename="../../evodesk/ui/app.py" line="112"/>
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
        <source>The server URL must not contain &apos;?&apos; or &apos;#&apos;.</source>
        <translation>A URL do servidor não pode conter &apos;?&apos; nem &apos;#&apos;.</translation>
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
        <source>The server&apos;s TLS certificate is not trusted.</source>
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
    <message>
        <source>Instance &apos;%1&apos; does not exist on this server.</source>
        <translation>A instância &apos;%1&apos; não existe neste servidor.</translation>
    </message>
    <message>
        <source>Unknown event(s) for a %1 server: %2.</source>
        <translation>Evento(s) desconhecido(s) para um servidor %1: %2.</translation>
    </message>
    <message>
        <source>The value of header &apos;%1&apos; must be a single line.</source>
        <translation>O valor do cabeçalho &apos;%1&apos; deve ter uma única linha.</translation>
    </message>
    <message>
        <source>The %1 is empty.</source>
        <translation>Preencha o campo %1.</translation>
    </message>
    <message>
        <source>The %1 must not contain spaces.</source>
        <translation>O campo %1 não pode conter espaços.</translation>
    </message>
    <message>
        <source>The %1 must start with http:// or https://.</source>
        <translation>O campo %1 deve começar com http:// ou https://.</translation>
    </message>
    <message>
        <source>The %1 has no host name.</source>
        <translation>O campo %1 não tem nome de host.</translation>
    </message>
    <message>
        <source>The %1 must be 1 to 64 letters, digits, spaces, dots, dashes or underscores.</source>
        <translation>O campo %1 deve ter de 1 a 64 letras, dígitos, espaços, pontos, hífens ou sublinhados.</translation>
    </message>
    <message>
        <source>The %1 has an invalid port.</source>
        <translation>O campo %1 tem uma porta inválida.</translation>
    </message>
    <message>
        <source>The CA bundle &apos;%1&apos; does not exist.</source>
        <translation>O pacote de CA &apos;%1&apos; não existe.</translation>
    </message>
    <message>
        <source>Custom webhook headers need Evolution API 2; this server runs %1.</source>
        <translation>Cabeçalhos personalizados de webhook exigem a Evolution API 2; este servidor executa a %1.</translation>
    </message>
    <message>
        <source>The CA bundle &apos;%1&apos; could not be read: %2.</source>
        <translation>Não foi possível ler o pacote de CA &apos;%1&apos;: %2.</translation>
    </message>
    <message>
        <source>The server at %1 does not offer %2 %3.</source>
        <translation>O servidor em %1 não oferece %2 %3.</translation>
    </message>
    <message>
        <source>The server at %1 answered with an HTML error page (HTTP %2%3), not the Evolution API: a proxy in front of it may be unable to reach it.</source>
        <translation>O servidor em %1 respondeu com uma página de erro HTML (HTTP %2%3), e não com a Evolution API: um proxy na frente dele talvez não consiga alcançá-lo.</translation>
    </message>
    <message>
        <source>The server at %1 answered with an HTML page, not the Evolution API.</source>
        <translation>O servidor em %1 respondeu com uma página HTML, e não com a Evolution API.</translation>
    </message>
    <message>
        <source>The server at %1 sent an answer that is not valid JSON (HTTP %2).</source>
        <translation>O servidor em %1 enviou uma resposta que não é um JSON válido (HTTP %2).</translation>
    </message>
    <message>
        <source>The server at %1 answered with plain text, not the Evolution API (HTTP %2).</source>
        <translation>O servidor em %1 respondeu com texto simples, e não com a Evolution API (HTTP %2).</translation>
    </message>
    <message>
        <source>The server at %1 answered in a form evodesk does not understand; it may not be an Evolution API server, or a version evodesk does not support.</source>
        <translation>O servidor em %1 respondeu de um jeito que o evodesk não entende; talvez não seja um servidor Evolution API, ou seja uma versão que o evodesk não suporta.</translation>
    </message>
    <message>
        <source>The connection to %1 broke before the server answered.</source>
        <translation>A conexão com %1 caiu antes de o servidor responder.</translation>
    </message>
    <message>
        <source>The server at %1 could not be reached within %2 seconds.</source>
        <translation>Não foi possível alcançar o servidor em %1 em %2 segundos.</translation>
    </message>
    <message>
        <source>The server at %1 did not answer within %2 seconds.</source>
        <translation>O servidor em %1 não respondeu em %2 segundos.</translation>
    </message>
    <message>
        <source>Cannot connect to the server at %1.</source>
        <translation>Não foi possível conectar ao servidor em %1.</translation>
    </message>
    <message>
        <source>The server could not %1: %2</source>
        <translation>O servidor não conseguiu %1: %2</translation>
    </message>
    <message>
        <source>The server rejected the request: %1</source>
        <translation>O servidor rejeitou a solicitação: %1</translation>
    </message>
    <message>
        <source>The certificate of %1 could not be verified (%2).</source>
        <translation>Não foi possível verificar o certificado de %1 (%2).</translation>
    </message>
    <message>
        <source>The host name in %1 could not be found.</source>
        <translation>O nome de host em %1 não foi encontrado.</translation>
    </message>
    <message>
        <source>The server at %1 refused the connection.</source>
        <translation>O servidor em %1 recusou a conexão.</translation>
    </message>
    <message>
        <source>The keyring refused to read a secret: %1.</source>
        <translation>O chaveiro recusou a leitura de um segredo: %1.</translation>
    </message>
    <message>
        <source>The keyring refused to store a secret: %1.</source>
        <translation>O chaveiro recusou a gravação de um segredo: %1.</translation>
    </message>
    <message>
        <source>The keyring refused to delete a secret: %1.</source>
        <translation>O chaveiro recusou a exclusão de um segredo: %1.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1 instead of opening the live connection.</source>
        <translation>O servidor respondeu HTTP %1 em vez de abrir a conexão ao vivo.</translation>
    </message>
    <message>
        <source>The CA bundle %1 cannot be read.</source>
        <translation>Não é possível ler o pacote de CA %1.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 não é um arquivo.</translation>
    </message>
    <message>
        <source>The file %1 is not an evodesk database (it is not a SQLite file).</source>
        <translation>O arquivo %1 não é um banco de dados do evodesk (não é um arquivo SQLite).</translation>
    </message>
    <message>
        <source>Cannot read the database file %1: %2.</source>
        <translation>Não é possível ler o arquivo de banco de dados %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as a SQLite database (%2).</source>
        <translation>O arquivo %1 não pode ser lido como banco de dados SQLite (%2).</translation>
    </message>
    <message>
        <source>Cannot create the folder for the database file %1: %2.</source>
        <translation>Não é possível criar a pasta do arquivo de banco de dados %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 is a SQLite database of another program, not an evodesk database.</source>
        <translation>O arquivo %1 é um banco de dados SQLite de outro programa, e não do evodesk.</translation>
    </message>
    <message>
        <source>This database was written by a newer evodesk (revision %1).</source>
        <translation>Este banco de dados foi gravado por um evodesk mais novo (revisão %1).</translation>
    </message>
    <message>
        <source>There is no server named &apos;%1&apos;.</source>
        <translation>Não há servidor chamado &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>A server named &apos;%1&apos; already exists.</source>
        <translation>Já existe um servidor chamado &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>There is no server #%1; it may have been removed.</source>
        <translation>Não há servidor nº %1; talvez tenha sido removido.</translation>
    </message>
    <message>
        <source>The server &apos;%1&apos; is no longer in the database.</source>
        <translation>O servidor &apos;%1&apos; não está mais no banco de dados.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is not in the database for this server.</source>
        <translation>A instância &apos;%1&apos; não está no banco de dados para este servidor.</translation>
    </message>
    <message>
        <source>There is no instance #%1; it may have been removed.</source>
        <translation>Não há instância nº %1; talvez tenha sido removida.</translation>
    </message>
    <message>
        <source>Cannot open the database %1: %2.</source>
        <translation>Não é possível abrir o banco de dados %1: %2.</translation>
    </message>
    <message>
        <source>The file %1 cannot be read as a SQLite database.</source>
        <translation>O arquivo %1 não pode ser lido como banco de dados SQLite.</translation>
    </message>
    <message>
        <source>The database %1 failed: %2</source>
        <translation>O banco de dados %1 falhou: %2</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is not known yet.</source>
        <translation>A instância &apos;%1&apos; ainda não é conhecida.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; exists on several servers (%2): choose one with --server.</source>
        <translation>A instância &apos;%1&apos; existe em vários servidores (%2): escolha um com --server.</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; is restarting.</source>
        <translation>A instância &apos;%1&apos; está reiniciando.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>Falha ao %1: %2</translation>
    </message>
    <message>
        <source>%1 failed (%2) and the previous mode could not be put back (%3).</source>
        <translation>Falha ao %1 (%2), e não foi possível restaurar o modo anterior (%3).</translation>
    </message>
    <message>
        <source>No API key for server &apos;%1&apos; is in the keyring.</source>
        <translation>Não há chave de API do servidor &apos;%1&apos; no chaveiro.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>changed %1: %2</source>
        <translation>alterada %1: %2</translation>
    </message>
    <message>
        <source>CONFLICT (webhook and websocket both on): %1</source>
        <translation>CONFLITO (webhook e websocket ativos ao mesmo tempo): %1</translation>
    </message>
    <message>
        <source>could not read %1: %2</source>
        <translation>não foi possível ler %1: %2</translation>
    </message>
    <message>
        <source>no changes</source>
        <translation>sem alterações</translation>
    </message>
    <message>
        <source>Instance &apos;%1&apos; has no webhook URL to test.</source>
        <translation>A instância &apos;%1&apos; não tem URL de webhook para testar.</translation>
    </message>
    <message>
        <source>server URL</source>
        <translation>URL do servidor</translation>
    </message>
    <message>
        <source>webhook URL</source>
        <translation>URL do webhook</translation>
    </message>
    <message>
        <source>Enabling the webhook</source>
        <translation>ativar o webhook</translation>
    </message>
    <message>
        <source>Enabling the websocket</source>
        <translation>ativar o websocket</translation>
    </message>
    <message>
        <source>Disabling delivery</source>
        <translation>desativar a entrega</translation>
    </message>
    <message>
        <source>server name</source>
        <translation>nome do servidor</translation>
    </message>
    <message>
        <source>restart instance &apos;%1&apos;</source>
        <translation>reiniciar a instância &apos;%1&apos;</translation>
    </message>
    <message>
        <source>connect instance &apos;%1&apos;</source>
        <translation>conectar a instância &apos;%1&apos;</translation>
    </message>
    <message>
        <source>log out instance &apos;%1&apos;</source>
        <translation>desconectar a instância &apos;%1&apos;</translation>
    </message>
    <message>
        <source>save the webhook of &apos;%1&apos;</source>
        <translation>salvar o webhook de &apos;%1&apos;</translation>
    </message>
    <message>
        <source>save the websocket of &apos;%1&apos;</source>
        <translation>salvar o websocket de &apos;%1&apos;</translation>
    </message>
    <message>
        <source>complete the request</source>
        <translation>concluir a solicitação</translation>
    </message>
    <message>
        <source>new: %1</source>
        <translation>novas: %1</translation>
    </message>
    <message>
        <source>back on the server: %1</source>
        <translation>de volta ao servidor: %1</translation>
    </message>
    <message>
        <source>no longer on the server (kept here): %1</source>
        <translation>não estão mais no servidor (mantidas aqui): %1</translation>
    </message>
    <message>
        <source>The value of header &apos;%1&apos; has a character that cannot be sent in an HTTP header, such as an emoji, a control character or a letter outside Western European alphabets.</source>
        <translation>O valor do cabeçalho &apos;%1&apos; tem um caractere que não pode ser enviado num cabeçalho HTTP, como um emoji, um caractere de controle ou uma letra fora dos alfabetos da Europa Ocidental.</translation>
    </message>
    <message>
        <source>The server at %1 sent an answer larger than %2 MiB (HTTP %3), more than evodesk reads.</source>
        <translation>O servidor em %1 enviou uma resposta maior que %2 MiB (HTTP %3), mais do que o evodesk lê.</translation>
    </message>
    <message>
        <source>The connection could not be read; it is opened again.</source>
        <translation>Não foi possível ler a conexão; ela é aberta de novo.</translation>
    </message>
    <message>
        <source>The server URL must not contain a user name or password; evodesk sends the API key, which it keeps in the keyring.</source>
        <translation>A URL do servidor não pode conter usuário nem senha; o evodesk envia a chave de API, que guarda no chaveiro.</translation>
    </message>
    <message>
        <source>The %1 has an invalid host name.</source>
        <translation>O campo %1 tem um nome de host inválido.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1: %2.</source>
        <translation>Não foi possível criar a pasta %1: %2.</translation>
    </message>
    <message>
        <source>Choose another data folder.</source>
        <translation>Escolha outra pasta de dados.</translation>
    </message>
    <message>
        <source>%1 did not finish; the server may differ from what evodesk shows.</source>
        <translation>A operação de %1 não terminou; o servidor pode estar diferente do que o evodesk mostra.</translation>
    </message>
    <message>
        <source>Sync to see it.</source>
        <translation>Sincronize para ver.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1 (%2).</source>
        <translation>Não foi possível criar a pasta %1 (%2).</translation>
    </message>
    <message>
        <source>Another evodesk is changing instance &apos;%1&apos;.</source>
        <translation>Outro evodesk está alterando a instância &apos;%1&apos;.</translation>
    </message>
    <message>
        <source>Try again.</source>
        <translation>Tente de novo.</translation>
    </message>
    <message>
        <source>The server answered HTTP %1: %2</source>
        <translation>O servidor respondeu HTTP %1: %2</translation>
    </message>
    <message>
        <source>The server answered HTTP %1.</source>
        <translation>O servidor respondeu HTTP %1.</translation>
    </message>
    <message>
        <source>The server failed while handling the request (HTTP %1): %2</source>
        <translation>O servidor falhou ao processar a solicitação (HTTP %1): %2</translation>
    </message>
    <message>
        <source>The server failed while handling the request (HTTP %1).</source>
        <translation>O servidor falhou ao processar a solicitação (HTTP %1).</translation>
    </message>
    <message>
        <source>WhatsApp connection</source>
        <translation>conexão do WhatsApp</translation>
    </message>
    <message>
        <source>webhook on/off</source>
        <translation>webhook ativado/desativado</translation>
    </message>
    <message>
        <source>WebSocket on/off</source>
        <translation>WebSocket ativado/desativado</translation>
    </message>
    <message>
        <source>webhook base64</source>
        <translation>base64 do webhook</translation>
    </message>
    <message>
        <source>webhook byEvents</source>
        <translation>byEvents do webhook</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>conflito</translation>
    </message>
    <message>
        <source>changed %1: %2, %3</source>
        <translation>alterada %1: %2, %3</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4</source>
        <translation>alterada %1: %2, %3, %4</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5</source>
        <translation>alterada %1: %2, %3, %4, %5</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6</source>
        <translation>alterada %1: %2, %3, %4, %5, %6</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6, %7</source>
        <translation>alterada %1: %2, %3, %4, %5, %6, %7</translation>
    </message>
    <message>
        <source>changed %1: %2, %3, %4, %5, %6, %7, %8</source>
        <translation>alterada %1: %2, %3, %4, %5, %6, %7, %8</translation>
    </message>
    <message>
        <source>%1: %2 instance(s) in %3.%4 s</source>
        <translation>%1: %2 instância(s) em %3,%4 s</translation>
    </message>
    <message>
        <source>%1 refused the test event: HTTP %2 in %3 ms.</source>
        <translation>%1 recusou o evento de teste: HTTP %2 em %3 ms.</translation>
    </message>
    <message>
        <source>%1 accepted the test event: HTTP %2 in %3 ms.</source>
        <translation>%1 aceitou o evento de teste: HTTP %2 em %3 ms.</translation>
    </message>
    <message>
        <source>No answer from %1: no answer within %2 s.</source>
        <translation>Sem resposta de %1 em até %2 s.</translation>
    </message>
    <message>
        <source>No answer from %1: certificate check failed.</source>
        <translation>Sem resposta de %1: a verificação do certificado falhou.</translation>
    </message>
    <message>
        <source>No answer from %1 (%2).</source>
        <translation>Sem resposta de %1 (%2).</translation>
    </message>
    <message>
        <source>The WebSocket is still enabled on the server.</source>
        <translation>O WebSocket continua ativado no servidor.</translation>
    </message>
    <message>
        <source>The webhook is still enabled on the server.</source>
        <translation>O webhook continua ativado no servidor.</translation>
    </message>
    <message>
        <source>Webhook updated.</source>
        <translation>Webhook atualizado.</translation>
    </message>
    <message>
        <source>WebSocket events updated.</source>
        <translation>Eventos do WebSocket atualizados.</translation>
    </message>
    <message>
        <source>The server at %1 redirects to %2 (HTTP %3): use that address for the server.</source>
        <translation>O servidor em %1 redireciona para %2 (HTTP %3): use esse endereço para o servidor.</translation>
    </message>
    <message>
        <source>The server at %1 answered with a redirect (HTTP %2) that names no address.</source>
        <translation>O servidor em %1 respondeu com um redirecionamento (HTTP %2) que não indica nenhum endereço.</translation>
    </message>
    <message>
        <source>The API key must be a single line.</source>
        <translation>A chave de API deve ter uma única linha.</translation>
    </message>
    <message>
        <source>The API key has a character that cannot be sent in an HTTP header, such as an invisible character, a control character or an accented letter.</source>
        <translation>A chave de API tem um caractere que não pode ser enviado num cabeçalho HTTP, como um caractere invisível, um caractere de controle ou uma letra acentuada.</translation>
    </message>
    <message>
        <source>Enter the key again without it.</source>
        <translation>Informe a chave de novo, sem ele.</translation>
    </message>
    <message>
        <source>Even to read the database, evodesk writes to it and to files beside it.</source>
        <translation>Mesmo para ler o banco de dados, o evodesk escreve nele e em arquivos ao lado dele.</translation>
    </message>
    <message>
        <source>Make it writable, or choose another data folder.</source>
        <translation>Permita a escrita nele ou escolha outra pasta de dados.</translation>
    </message>
    <message>
        <source>The database file %1 is on a read-only file system.</source>
        <translation>O arquivo de banco de dados %1 está num sistema de arquivos somente leitura.</translation>
    </message>
    <message>
        <source>The database file %1 is read-only.</source>
        <translation>O arquivo de banco de dados %1 é somente leitura.</translation>
    </message>
    <message>
        <source>The folder %1 is not writable.</source>
        <translation>Não é possível escrever na pasta %1.</translation>
    </message>
    <message>
        <source>The folder %1 is on a read-only file system.</source>
        <translation>A pasta %1 está num sistema de arquivos somente leitura.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot read a secret from it.</source>
        <translation>O chaveiro está bloqueado, e o evodesk não consegue ler um segredo dele.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot store a secret in it.</source>
        <translation>O chaveiro está bloqueado, e o evodesk não consegue guardar um segredo nele.</translation>
    </message>
    <message>
        <source>The keyring is locked, so evodesk cannot delete a secret from it.</source>
        <translation>O chaveiro está bloqueado, e o evodesk não consegue apagar um segredo dele.</translation>
    </message>
    <message>
        <source>Unlock it (log in to the desktop session, or enter the keyring&apos;s password when asked) and try again.</source>
        <translation>Desbloqueie-o (entre na sessão da área de trabalho, ou informe a senha do chaveiro quando ela for pedida) e tente de novo.</translation>
    </message>
    <message>
        <source>An in-memory database keeps nothing once evodesk ends.</source>
        <translation>Um banco de dados em memória não guarda nada depois que o evodesk termina.</translation>
    </message>
    <message>
        <source>Give a database file (sqlite:///path/to/evodesk.sqlite3) or a PostgreSQL URL.</source>
        <translation>Informe um arquivo de banco de dados (sqlite:///caminho/para/evodesk.sqlite3) ou uma URL do PostgreSQL.</translation>
    </message>
    <message>
        <source>The header names &apos;%1&apos; and &apos;%2&apos; differ only in case, and HTTP reads them as one header.</source>
        <translation>Os nomes de cabeçalho &apos;%1&apos; e &apos;%2&apos; diferem só em maiúsculas e minúsculas, e o HTTP os lê como um só cabeçalho.</translation>
    </message>
    <message>
        <source>The server redirects the live connection to %1 (HTTP %2): evodesk does not follow it with the API key; use that address for the server.</source>
        <translation>O servidor redireciona a conexão ao vivo para %1 (HTTP %2): o evodesk não a segue com a chave de API; use esse endereço para o servidor.</translation>
    </message>
    <message>
        <source>The server answered the live connection with a redirect (HTTP %1) that names no address.</source>
        <translation>O servidor respondeu à conexão ao vivo com um redirecionamento (HTTP %1) que não indica endereço.</translation>
    </message>
    <message>
        <source>new: %1 …and %2 more</source>
        <translation>novas: %1 …e mais %2</translation>
    </message>
    <message>
        <source>back on the server: %1 …and %2 more</source>
        <translation>de volta ao servidor: %1 …e mais %2</translation>
    </message>
    <message>
        <source>no longer on the server (kept here): %1 …and %2 more</source>
        <translation>não estão mais no servidor (mantidas aqui): %1 …e mais %2</translation>
    </message>
    <message>
        <source>CONFLICT (webhook and websocket both on): %1 …and %2 more</source>
        <translation>CONFLITO (webhook e websocket ativos ao mesmo tempo): %1 …e mais %2</translation>
    </message>
    <message>
        <source>…and %1 more changed</source>
        <translation>…e mais %1 alteradas</translation>
    </message>
    <message>
        <source>…and %1 more could not be read</source>
        <translation>…e mais %1 não puderam ser lidas</translation>
    </message>
    <message>
        <source>No answer from %1: the request failed.</source>
        <translation>Sem resposta de %1: a requisição falhou.</translation>
    </message>
    <message>
        <source>No answer from %1: the connection was refused.</source>
        <translation>Sem resposta de %1: a conexão foi recusada.</translation>
    </message>
    <message>
        <source>No answer from %1: its host name was not found.</source>
        <translation>Sem resposta de %1: o nome do host não foi encontrado.</translation>
    </message>
    <message>
        <source>No answer from %1: could not connect to it.</source>
        <translation>Sem resposta de %1: não foi possível conectar.</translation>
    </message>
    <message>
        <source>No answer from %1: the secure connection (TLS) could not be set up.</source>
        <translation>Sem resposta de %1: não foi possível estabelecer a conexão segura (TLS).</translation>
    </message>
    <message>
        <source>%1 answered something that is not HTTP.</source>
        <translation>%1 respondeu algo que não é HTTP.</translation>
    </message>
    <message>
        <source>No answer from %1: it closed the connection without answering.</source>
        <translation>Sem resposta de %1: a conexão foi encerrada sem resposta.</translation>
    </message>
    <message>
        <source>%1 answered HTTP %2 but closed the connection before the whole answer arrived.</source>
        <translation>%1 respondeu HTTP %2, mas encerrou a conexão antes de a resposta chegar inteira.</translation>
    </message>
    <message>
        <source>The server broke the WebSocket protocol.</source>
        <translation>O servidor violou o protocolo WebSocket.</translation>
    </message>
    <message>
        <source>The server sent a message in too many pieces.</source>
        <translation>O servidor enviou uma mensagem dividida em partes demais.</translation>
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
        <source>Check the server&apos;s key under Servers.</source>
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
    <message>
        <source>[message]</source>
        <translation>[mensagem]</translation>
    </message>
    <message>
        <source>[image]</source>
        <translation>[imagem]</translation>
    </message>
    <message>
        <source>[video]</source>
        <translation>[vídeo]</translation>
    </message>
    <message>
        <source>[audio]</source>
        <translation>[áudio]</translation>
    </message>
    <message>
        <source>[document]</source>
        <translation>[documento]</translation>
    </message>
    <message>
        <source>[sticker]</source>
        <translation>[figurinha]</translation>
    </message>
    <message>
        <source>[location]</source>
        <translation>[localização]</translation>
    </message>
    <message>
        <source>[contact]</source>
        <translation>[contato]</translation>
    </message>
    <message>
        <source>[poll]</source>
        <translation>[enquete]</translation>
    </message>
    <message>
        <source>[reaction]</source>
        <translation>[reação]</translation>
    </message>
</context>
<context>
    <name>evodesk.texts</name>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="84"/>
        <source>not running</source>
        <translation>não iniciada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="86"/>
        <source>refused</source>
        <translation>recusada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="88"/>
        <source>stopped</source>
        <translation>parada</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="89"/>
        <location filename="../../evodesk/ui/texts.py" line="114"/>
        <source>connecting</source>
        <translation>conectando</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="90"/>
        <source>live</source>
        <translation>ativa</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="91"/>
        <source>waiting for the server</source>
        <translation>aguardando o servidor</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="92"/>
        <source>retrying</source>
        <translation>tentando de novo</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="93"/>
        <source>refused (check the API key)</source>
        <translation>recusada (verifique a chave de API)</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="113"/>
        <source>connected</source>
        <translation>conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="115"/>
        <source>disconnected</source>
        <translation>desconectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="116"/>
        <source>unknown</source>
        <translation>desconhecido</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="122"/>
        <source>Both (conflict)</source>
        <translation>Ambos (conflito)</translation>
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
        <translation>Nenhuma</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="137"/>
        <source>Webhook and WebSocket are both active on the server: every event arrives twice. Keep one of them.</source>
        <translation>Webhook e WebSocket estão ativos ao mesmo tempo no servidor: cada evento chega duas vezes. Mantenha só um deles.</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="141"/>
        <source>Webhook active, base64: yes</source>
        <translation>Webhook ativo, base64: sim</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="142"/>
        <source>Webhook active, base64: no</source>
        <translation>Webhook ativo, base64: não</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="147"/>
        <source>WebSocket connected</source>
        <translation>WebSocket conectado</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="149"/>
        <source>WebSocket active; live connection: %1</source>
        <translation>WebSocket ativo; conexão em tempo real: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="156"/>
        <source>No active delivery: messages will not be received</source>
        <translation>Nenhuma entrega ativa: as mensagens não serão recebidas</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="159"/>
        <source>Needs attention: %1</source>
        <translation>Requer atenção: %1</translation>
    </message>
    <message>
        <location filename="../../evodesk/ui/texts.py" line="164"/>
        <source>The server&apos;s live state could not be read (shown: the last one read): %1</source>
        <translation>Não foi possível ler o estado atual no servidor (mostrado: o último lido): %1</translation>
    </message>
</context>
</TS>
