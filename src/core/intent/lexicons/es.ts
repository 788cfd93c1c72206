import { cues, phrase, wholeWords, oneWordReply, type Lexicon } from '../lexicon-parts.js';

/** Spanish phrases for each intent, negation, offers and sentiment. */
export const es: Lexicon = {
  cues: {
    demo_request: cues(
      [
        0.8,
        '(solicitar|solicito|solicitamos|pedir|agendar|programar|organizar|concertar|reservar|ver|obtener|activar|ampliar|extender|interesa|interesad|gustaria|quisiera|quisieramos|necesitamos|necesito|podrian|podria|pueden|es posible)~(demo|demostracion|prueba|cuenta de prueba|piloto|presentacion del producto)',
      ],
      [
        0.7,
        '(podrian|pueden|podria|puede)~(presentar(nos|me)?|mostrar(nos|me)?|ensenar(nos|me)?)\\b',
      ],
      [
        0.6,
        'prueba gratuita|version de prueba|periodo de prueba|probar (su|la|el|vuestra|vuestro) (solucion|producto|plataforma|software|herramienta)|ver (la|su) (plataforma|solucion|herramienta|producto)~(en accion|funcionando)',
      ],
      [0.55, '(demo|demostracion)\\b≈\\?'],
    ),
    quote_request: cues(
      [
        0.8,
        '(enviar|envien|enviarnos|enviarme|mandar|manden|mandarnos|pasar|pasen|pasarnos|facilitar|facilitarnos|solicit\\w*|pedir|recibir|obtener|conocer|saber|gustaria|quisiera|quisieramos|necesitamos|necesito|podrian|podria|interesa|cual es|cuales son|preparar)~(presupuesto|cotizacion|precio|precios|tarifa|tarifas|lista de precios|oferta|propuesta (economica|comercial)|costo|coste|costes|costos|descuento)',
      ],
      [
        0.85,
        'cuanto (cuesta|cuestan|costaria|costarian|vale|valen|sale|saldria)|que (precio|coste|costo) tiene|cuanto~(saldria|costaria|pagar|pagariamos)',
      ],
      [
        0.65,
        '(hay|tienen|ofrecen|existe)~(descuento|precios? especial|tarifas? especial)|(que|sus) (condiciones|tarifas)',
      ],
    ),
    complaint: cues(
      [
        0.75,
        'queja|reclamacion|reclamo|decepcionad|decepcion|inaceptable|indignad|molest[oa]s?\\b|furios|hart[oa]s?\\b|vergonzoso|lamentable|pesim[oa]|insatisfech|intolerable|inadmisible|un caos',
      ],
      [0.6, '!no (estoy|estamos) (nada )?(contentos?|contentas?|satisfechos?|satisfechas?)'],
      [
        0.5,
        '!no funciona|sigue sin funcionar|no (ha llegado|llego)|nunca (llego|ha llegado)|no (hemos|he) recibido|defectuos|rot[oa]\\b|danad[oa]|cobrado dos veces|doble cobro|cobro duplicado|factura (incorrecta|erronea)|importe incorrecto|producto equivocado|caido|sin servicio|se cuelga|ha roto',
      ],
      [
        0.5,
        '!(sigo|seguimos) (esperando|sin)|(semanas|dias|meses) esperando|sin respuesta|ninguna respuesta|nadie (nos |me )?(ha )?(respondido|contestado|llamado)|desde hace (\\w+ )?(semanas|dias|meses)|(tercera|segunda|varias) vez|varias veces|no es la primera vez',
      ],
      [
        0.7,
        '(exijo|exigimos|solicito|solicitamos|quiero|queremos|esperamos|espero)~(reembolso|devolucion del dinero|compensacion|indemnizacion)',
      ],
    ),
    churn_risk: cues(
      [
        0.85,
        '(cancelar|cancelacion|dar de baja|darnos de baja|darme de baja|den de baja|doy de baja|rescindir|rescision|terminar|finalizar|anular|no renovar|baja|cerrar)~(suscripcion|contrato|cuenta|licencias?|servicio|plan|membresia|abono|colaboracion|puestos)',
      ],
      [0.8, '!no (vamos a )?renovar|no renovaremos|no lo renovaremos|no (nos )?renuev\\w*'],
      [
        0.7,
        '(cambiar(nos)?|pasar(nos)?|migrar|cambiamos|pasamos|irnos|nos vamos|elegido|optado|escogido)~(otro proveedor|otra empresa|la competencia|un competidor|otra solucion)|(evaluando|buscando|considerando) (otras|alternativas|otros proveedores)|dej(ar|aremos|amos) de (usar|utilizar|trabajar con)',
      ],
      [0.7, '(terminar|finalizar|cancelar|detener|parar)~(piloto|prueba)'],
      [0.6, '!ya no (necesitamos|utilizamos|usamos|vamos a usar)'],
    ),
    unsubscribe: cues(
      [
        0.85,
        '((dar|darme|darnos|denme|dennos|den) de baja|eliminar(me|nos)?|borrar(me|nos)?|quitar(me|nos)?|sacar(me|nos)?|excluir(me|nos)?|retirar(me|nos)?|desuscribir(me|nos)?|borren|eliminen|quiten|saquen|supriman|sacarnos|eliminenme|borrenme|saquenme)~(lista|listas|boletin|newsletter|base de datos|envios|correos|mailing|comunicaciones|direccion|datos)',
      ],
      [
        0.85,
        '!no (quiero|deseo|queremos|deseamos) (seguir )?recibir|dejen de (enviar|mandar|escribir)|no me (envien|manden|escriban|contacten) mas|no mas (correos|emails|mensajes|boletines|publicidad)|no (me|nos) (envien|manden) mas',
      ],
      [0.55, 'desuscribir'],
      oneWordReply('baja|darme de baja|stop'),
    ),
    meeting_request: cues(
      [
        0.8,
        '(agend|program|organi[cz]|concert|fij|coordin|tener|hacer|cuadr|reprogram|mover|buscar (un )?hueco para|encontrar (un )?momento para)\\w*~(reunion|llamada|videollamada|cita|encuentro|conversacion|call|zoom|teams|cafe|comida|almuerzo|taller|revision)',
      ],
      [
        0.7,
        '(tiene|tienes|tendria|tendrias|teneis|tienen|estaria|estarias|estan|esta) (usted |ustedes )?(disponible|disponibles|libre|libres|tiempo|un hueco|un momento)|(tiene|tienes|tendria|tendrias)~(minutos|hueco|un momento)',
      ],
      [
        0.8,
        '(podemos|podriamos|puedes|podria|podrias) (vernos|reunirnos|hablar|llamarnos|quedar|conversar|tener una llamada)|(cuando|que dia|a que hora) (le|te|les|os) (viene|va|vendria|conviene|iria)|cuando~(hueco|disponible|libre)',
      ],
      [
        0.7,
        'reunir(se|nos|me) con|visitar(le|les)?~(oficina|sede|instalaciones)|quedamos para|quedar para',
      ],
      [
        0.6,
        '(le|te|les|os) (viene|vienen|va|van|vendria|vendrian|iria|irian) bien|(le|te|les|os) conviene',
      ],
    ),
  },
  ignore: {
    demo_request: phrase(
      'gracias (por|de)~(demo|demostracion|presentacion|prueba)|(despues de|tras|durante) (la|su|nuestra) (demo|demostracion|presentacion|prueba)|(demo|demostracion|presentacion) (fue|salio|ha sido)|(terminar|finalizar|cancelar|detener|parar)~(piloto|prueba)',
    ),
    quote_request: phrase(
      'gracias (por|de)~(presupuesto|oferta|propuesta|cotizacion)|(recibimos|hemos recibido|aceptamos|firmamos)~(presupuesto|oferta|propuesta|cotizacion)',
    ),
    churn_risk: phrase(
      'cancelar en cualquier momento|politica de cancelacion|cancelar~en cualquier momento',
    ),
    meeting_request: phrase('gracias (por|de)~(reunion|llamada|tiempo|cita)'),
  },
  negation: wholeWords('no|nunca|ningun|ninguna|sin|ni|tampoco'),
  offer: phrase(
    'le gustaria|les gustaria|te gustaria|quiere|quieren|le interesa|les interesa|desea|desean|puedo enviarle',
  ),
  positive: phrase(
    'genial|excelente|fantastic|estupend|perfect|encantad|content[oa]s?\\b|satisfech|impresion|maravillos|muy bien|muy buena|salio (muy )?bien|fue (muy )?bien|recomendad|increible|de lujo',
    'g',
  ),
  negative: phrase(
    'mal[oa]s?\\b|peor|decepcion|inaceptable|indignad|molest|furios|hart[oa]|vergonzoso|lamentable|pesim|insatisfech|no funciona|mal servicio|terrible|horrible|desastre|un caos|no estoy content|no estamos content|sin respuesta',
    'g',
  ),
};
