import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** Portuguese phrases for each intent, negation, offers and sentiment. */
export const pt: Lexicon = {
  cues: {
    demo_request: cues(
      [
        0.8,
        '(solicitar|solicito|solicitamos|pedir|agendar|marcar|programar|organizar|ver|obter|ativar|estender|prorrogar|interesse|interessad|gostaria|gostariamos|queria|queriamos|precisamos|preciso|poderiam|podem|seria possivel|e possivel)~(demo|demonstracao|teste|conta de teste|piloto|avaliacao gratuita|apresentacao do produto)',
      ],
      [0.7, '(poderiam|podem|poderia|pode)~(apresentar|mostrar)(-nos|-me)?\\b'],
      [
        0.6,
        'teste gratuito|versao de (teste|avaliacao)|periodo de (teste|avaliacao)|testar (a|o|vossa|vosso|sua|seu) (solucao|produto|plataforma|software|ferramenta)|ver (a|sua) (plataforma|solucao|ferramenta|produto)~(em acao|funcionando)',
      ],
      [0.55, '(demo|demonstracao)\\b≈\\?'],
    ),
    quote_request: cues(
      [
        0.8,
        '(enviar|enviem|mandar|mandem|passar|receber|obter|saber|conhecer|solicit\\w*|pedir|gostaria|gostariamos|queria|precisamos|preciso|poderiam|podem|pode|qual e|quais sao|elaborar|preparar)~(orcamento|cotacao|precos?|tabela de precos|tarifas?|proposta (comercial|de preco)|custos?|desconto|valores)',
      ],
      [
        0.85,
        'quanto (custa|custam|custaria|custariam|fica|ficaria|sai)|qual (e )?o (preco|valor|custo)|quanto~(gastar|pagar|custar)',
      ],
      [
        0.65,
        '(existe|ha|tem|oferecem|voces tem)~(desconto|preco especial|precos especiais|tarifa)|(que|quais) (condicoes|precos|valores)',
      ],
    ),
    complaint: cues(
      [
        0.75,
        'reclamacao|reclamar|queixa|decepcionad|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim[oa]|insatisfeit|irritad|furios|fart[oa]s?\\b|lamentavel|bagunca',
      ],
      [0.6, '!nao (estou|estamos) (nada )?(satisfeit|content)'],
      [
        0.5,
        '!nao funciona|continua sem funcionar|nao chegou|nunca chegou|nao (recebemos|recebi)|defeituos|quebrad|quebrou|danificad|cobrad[oa]s? duas vezes|cobraram duas vezes|cobranca (duplicada|em dobro)|fatura (errada|incorreta)|valor (errado|incorreto)|produto errado|fora do ar|indisponivel|trava|sumiu',
      ],
      [
        0.5,
        '!(continuo|continuamos) (esperando|a espera|sem)|ainda (estou|estamos) (a )?esper|(esperando|aguardando)~ha (\\w+ )?(semanas|dias|meses)|sem resposta|nenhuma resposta|ninguem (nos |me )?(respondeu|retornou|ligou)|ha (semanas|dias|meses)|(terceira|segunda) vez|varias vezes|nao e a primeira vez',
      ],
      [
        0.7,
        '(exijo|exigimos|solicito|solicitamos|quero|queremos|espero|esperamos)~(reembolso|devolucao do dinheiro|compensacao|indenizacao|estorno)',
      ],
    ),
    churn_risk: cues(
      [
        0.85,
        '(cancelar|cancelem|cancelamos|cancelamento|rescindir|rescisao|encerrar|encerrem|encerramento|terminar|nao renovar|descontinuar)~(assinatura|contrato|conta|licencas?|servico|plano|subscricao|parceria|adesao)',
      ],
      [0.8, '!nao (vamos |iremos |pretendemos )?renovar|nao renovaremos|nao renovem'],
      [
        0.7,
        '(mudar|migrar|passar) (para|pra) (um |uma )?(concorrente|outro fornecedor|outra solucao|outra empresa)|(ir com|escolhemos|optamos por|decidimos)~(outro fornecedor|outra solucao|outra empresa|concorrente)|(avaliando|procurando|considerando) (alternativas|outros fornecedores|outras solucoes)',
      ],
      [0.7, '(encerrar|terminar|cancelar|parar|interromper)~(piloto|teste)'],
      [0.6, '!(ja )?nao (precisamos|utilizamos|usamos) mais|nao precisamos mais'],
    ),
    unsubscribe: cues(
      [
        0.85,
        '(descadastr|remov|retir|exclu|tir|apag|cancelar (a )?(minha )?(inscricao|subscricao))\\w*~(lista|mailing|newsletter|base|envios|e-?mails|comunicacoes|cadastro|dados|endereco)',
      ],
      [0.85, '(me|nos) (descadastr|remov|retir|exclu|tir)\\w*'],
      [
        0.85,
        '!nao (quero|desejo|queremos|desejamos) (mais )?receber|parem de (me |nos )?(enviar|mandar)|nao me (enviem|mandem|contatem|contactem) mais|chega de (newsletters?|e-?mails|mensagens)',
      ],
      [0.55, 'descadastr|cancelar a inscricao'],
      oneWordReply('descadastrar|descadastro|remover|stop'),
    ),
    meeting_request: cues(
      [
        0.8,
        '(agend|marc|organiz|program|combin|reagend|remarc|ter|fazer|fazermos)\\w*~(reuniao|chamada|videochamada|call|encontro|conversa|cafe|almoco|visita|workshop|kick-off|revisao)',
      ],
      [
        0.7,
        '(esta|estaria|estao|estariam|tem|teria|tens) (disponive(l|is)|livres?|tempo|um tempo)|(voce|voces) (tem|teria)~(minutos|tempo)|(quando|que dia|que horas) (voce|voces|o senhor|a senhora)? ?(pode|podem|esta|estaria|fica|teria)|quando~(disponibilidade|disponivel)',
      ],
      [
        0.8,
        '(podemos|poderiamos|pode|poderia) (conversar|falar|nos reunir|reunir|nos encontrar|marcar|ter uma (chamada|reuniao|conversa))|(quer|querem|gostaria de) (se reunir|nos reunir|reunir-se)|se reunir com',
      ],
      [
        0.7,
        '(vamos|bora) (almocar|tomar um cafe|conversar|marcar)|visitar~(escritorio|sede|instalacoes)|que tal~(reuniao|organizarmos|marcarmos|conversarmos)',
      ],
      [
        0.6,
        '(fica|ficam|funciona|serve|seria bom) (bom |boas )?(para|pra) (voce|voces|o senhor|a senhora)|sugiram~horarios|alguns horarios',
      ],
    ),
  },
  ignore: {
    demo_request: phrase(
      'obrigad[oa] (pela|pelo)~(demo|demonstracao|apresentacao|teste)|(depois|durante|apos) (da|a) (demo|demonstracao|apresentacao)|(demo|demonstracao|apresentacao) (foi|correu)|(encerrar|terminar|cancelar|parar|interromper)~(piloto|teste)',
    ),
    quote_request: phrase(
      'obrigad[oa] (pela|pelo)~(orcamento|proposta|cotacao)|(recebemos|aceitamos|assinamos)~(orcamento|proposta|cotacao)',
    ),
    churn_risk: phrase(
      'cancelad[oa] a qualquer momento|cancelar a qualquer momento|politica de cancelamento',
    ),
    meeting_request: phrase('obrigad[oa] (pela|pelo)~(reuniao|chamada|conversa|tempo)'),
  },
  negation: wholeWords('nao|nunca|nenhum|nenhuma|sem|nem'),
  offer: phrase(
    '(voce|voces|o senhor|a senhora) (gostaria|teria interesse|quer)|gostariam|tem interesse|posso (enviar|mandar)',
  ),
  positive: phrase(
    'otim[oa]|excelente|fantastic|perfeit|content[ea]s?\\b|satisfeit|encantad|impressionad|adorou|adoramos|muito bom|muito boa|correu (muito )?bem|foi (muito )?bem|recomend|maravilhos|incrivel|parabens',
    'g',
  ),
  negative: phrase(
    'ruim|pior\\b|piorou|decepcion|decepcao|inaceitavel|inadmissivel|absurdo|vergonhos|pessim|insatisfeit|irritad|furios|nao funciona|terrivel|horrivel|desastre|bagunca|nao (estou|estamos) satisfeit|sem resposta',
    'g',
  ),
};
